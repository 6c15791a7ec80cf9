package org.vsestudio.packages;

import java.util.List;

/**
 * What a distribution's package repository offers for one release and architecture: the
 * package names and their available versions. Validation asks it whether a requirement can
 * be met at all; the resolver (with the index) computes the closure.
 *
 * <p>Implementations read real repository metadata (Debian {@code Packages} indexes, the
 * host's apt lists); other formats implement the same interface.
 */
public interface RepositoryIndex {

    /** @return the distribution family, e.g. {@code debian} */
    String distribution();

    /** @return the release, e.g. {@code bookworm} */
    String release();

    /** @return the architecture, e.g. {@code amd64} */
    String architecture();

    /** @return the versions of {@code packageName} available, newest first; empty if there is no such package */
    List<DebianVersion> versions(String packageName);

    /** @return whether the repository has a package (real or virtual) of that name */
    default boolean contains(String packageName) {
        return !versions(packageName).isEmpty();
    }

    /** @return up to {@code max} package names closest to {@code name}, closest first, to suggest instead */
    List<String> nearestNames(String name, int max);
}
