package org.vsestudio.packages;

import java.util.List;

/**
 * What completion shows of a package name: its short description and its versions.
 *
 * @param name the package name
 * @param description the short description of its newest version; for a virtual package,
 *        which packages provide it
 * @param versions the versions available, newest first; empty for a virtual package
 * @param virtual whether no package has this name and some provide it
 */
public record PackageSummary(String name, String description, List<DebianVersion> versions, boolean virtual) {
}
