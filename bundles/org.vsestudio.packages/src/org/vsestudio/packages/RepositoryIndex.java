package org.vsestudio.packages;

import java.util.List;

/**
 * What a distribution's package repository offers for one release and architecture: the
 * package names and their available versions. Validation asks it whether a requirement can
 * be met at all; its {@link #resolver()} computes the closure and explains why one cannot be
 * had.
 *
 * <p>Implementations read real repository metadata ({@link DebianIndex}: Debian
 * {@code Packages} indexes, the host's apt lists); other formats implement the same
 * interface, and callers need not know which one they have.
 */
public interface RepositoryIndex {

    /** @return the distribution family, e.g. {@code debian} */
    String distribution();

    /** @return the release, e.g. {@code bookworm} */
    String release();

    /** @return the architecture, e.g. {@code amd64} */
    String architecture();

    /** @return the versions of {@code packageName} available, newest first; empty if there is no such package (or it is only virtual) */
    List<DebianVersion> versions(String packageName);

    /** @return whether the repository has a package (real or virtual) of that name */
    default boolean contains(String packageName) {
        return !versions(packageName).isEmpty();
    }

    /** @return up to {@code max} package names closest to {@code name}, closest first, to suggest instead */
    List<String> nearestNames(String name, int max);

    /**
     * Completion: the names that start with {@code prefix}, in sorted order, with their short
     * description and versions.
     *
     * @return at most {@code max} entries; empty if the index cannot complete
     */
    default List<PackageSummary> complete(String prefix, int max) {
        return List.of();
    }

    /** @return the summary of one name (for hover), or {@code null} if the index has no such name */
    default PackageSummary summary(String packageName) {
        List<DebianVersion> versions = versions(packageName);
        return versions.isEmpty() ? null : new PackageSummary(packageName, "", versions, false);
    }

    /**
     * @return the resolver over this index; by default one that only checks each requirement
     *         by itself (unknown package, no satisfying version) and computes no closure
     */
    default Resolver resolver() {
        return Resolver.checksOnly(this);
    }
}
