/**
 * Implementation of the package index: decoders (LZ4 frames, gzip, xz), the compact
 * in-memory store of {@code Packages} files and its binary cache file. Not API.
 */
package org.vsestudio.packages.internal;
