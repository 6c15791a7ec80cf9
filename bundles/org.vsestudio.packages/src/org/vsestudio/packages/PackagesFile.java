package org.vsestudio.packages;

import java.nio.file.Path;

/**
 * One {@code Packages} file on disk (compressed as apt or the repository left it) and what
 * its {@code Release} file says its uncompressed content must be.
 *
 * @param path the file
 * @param repository the repository, suite, component and architecture it lists
 * @param releasePath its name in the {@code Release} file, {@code main/binary-amd64/Packages}
 * @param size the size of the uncompressed content the Release file lists, -1 if unknown
 * @param sha256 the SHA256 of the uncompressed content the Release file lists, {@code null} if unknown
 */
public record PackagesFile(Path path, Repository repository, String releasePath, long size, String sha256) {
}
