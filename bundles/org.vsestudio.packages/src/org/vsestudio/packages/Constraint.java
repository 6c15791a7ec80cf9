package org.vsestudio.packages;

/**
 * One version constraint of a requirement: {@code >= 4.1}.
 *
 * @param relation how a version must compare to {@code version}
 * @param version the bound
 */
public record Constraint(Relation relation, DebianVersion version) {

    /** @return whether {@code candidate} satisfies this constraint */
    public boolean holds(DebianVersion candidate) {
        return relation.holds(candidate, version);
    }

    /** @return the constraint as the VSE language writes it, {@code >= 4.1} */
    @Override
    public String toString() {
        return relation.symbol() + " " + version;
    }
}
