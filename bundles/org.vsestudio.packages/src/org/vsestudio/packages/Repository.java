package org.vsestudio.packages;

/**
 * One source of packages: a repository's suite and component for one architecture, with
 * what its {@code Release} file says about it.
 *
 * @param uri the repository's base address (the part before {@code /dists/})
 * @param suite the suite as addressed ({@code bookworm-updates})
 * @param codename the {@code Codename} of its Release file, or the suite if it has none
 * @param component the component ({@code main})
 * @param architecture the architecture of its {@code Packages} file
 * @param origin the {@code Origin} of its Release file, empty if none
 * @param label the {@code Label} of its Release file, empty if none
 * @param date the {@code Date} of its Release file, empty if none
 */
public record Repository(String uri, String suite, String codename, String component, String architecture,
        String origin, String label, String date) {

    /** @return the repository as the lock file and messages name it: {@code URI SUITE COMPONENT} */
    public String id() {
        return uri + " " + suite + " " + component;
    }

    @Override
    public String toString() {
        return id();
    }
}
