package org.vsestudio.packages;

/**
 * One link of an explanation chain: a package version and the relationship of it that
 * leads on, e.g. {@code openmpi-bin (4.1.4-3) Depends: libopenmpi3 (>= 4.1.4)}.
 *
 * @param packageName the package
 * @param version its version
 * @param field {@code Depends}, {@code Pre-Depends}, {@code Recommends}, {@code Conflicts},
 *        {@code Breaks} or {@code Provides}
 * @param relation the clause as the package writes it ({@code a | b (>= 1)})
 * @param target the package that satisfies the clause in the closure, {@code null} if none
 */
public record Step(String packageName, DebianVersion version, String field, String relation, String target) {

    @Override
    public String toString() {
        return packageName + " (" + version + ") " + field + ": " + relation;
    }
}
