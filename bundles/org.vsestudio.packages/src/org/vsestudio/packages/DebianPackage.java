package org.vsestudio.packages;

import java.util.List;

/**
 * One package record of a Debian {@code Packages} index: one version of one package for one
 * architecture, from one repository.
 *
 * @param name the {@code Package} field
 * @param version the {@code Version} field
 * @param architecture {@code amd64}, {@code all}, ...
 * @param repository where the record comes from
 * @param depends the {@code Depends} field: clauses, each a list of alternatives
 * @param preDepends the {@code Pre-Depends} field
 * @param recommends the {@code Recommends} field
 * @param conflicts the {@code Conflicts} field
 * @param breaks the {@code Breaks} field
 * @param provides the {@code Provides} field (a version, if any, is the provided version)
 * @param essential whether the field {@code Essential: yes} is set
 * @param priority the {@code Priority} field
 * @param multiArch the {@code Multi-Arch} field
 * @param section the {@code Section} field, empty if none
 * @param source the source package ({@code Source} without its version), the name if none
 * @param filename the {@code Filename} field: the {@code .deb}'s path below the repository's address
 * @param size the {@code Size} field in bytes, -1 if none
 * @param sha256 the {@code SHA256} field (lower-case hex), empty if none
 * @param description the short description (first line of {@code Description})
 */
public record DebianPackage(String name, DebianVersion version, String architecture, Repository repository,
        List<List<Dependency>> depends, List<List<Dependency>> preDepends, List<List<Dependency>> recommends,
        List<Dependency> conflicts, List<Dependency> breaks, List<Dependency> provides, boolean essential,
        Priority priority, MultiArch multiArch, String section, String source, String filename, long size,
        String sha256, String description) {

    /** @return {@code name (version)}, as messages name a package */
    public String label() {
        return name + " (" + version + ")";
    }

    @Override
    public String toString() {
        return name + " " + version + " " + architecture;
    }
}
