/**
 * Package repositories of the distributions a VSE is built from: versions ordered exactly as
 * the distribution's own tools order them, version constraints, and (with the resolver) the
 * repository index and the lock file.
 */
package org.vsestudio.packages;
