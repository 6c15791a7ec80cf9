/**
 * Deployment of a VSE's machine set onto a cluster through its resource manager (Slurm),
 * over a {@link org.vsestudio.remote.RemoteSession}: job scripts, submission, node agents,
 * failure handling and teardown.
 */
package org.vsestudio.cluster;
