/**
 * Remote access to cluster login nodes and guests: a small {@link org.vsestudio.remote.RemoteSession}
 * interface (the only place that will know the SSH library) and the quoting every remote
 * argument goes through.
 */
package org.vsestudio.remote;
