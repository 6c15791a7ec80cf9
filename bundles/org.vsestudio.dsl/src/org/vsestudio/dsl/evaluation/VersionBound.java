package org.vsestudio.dsl.evaluation;

import java.util.List;
import java.util.Optional;

import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.Relation;

/**
 * One version constraint of a package requirement, {@code >= 4.1}.
 *
 * @param relation the relation
 * @param version the version as written (validation reports a version that is not valid)
 * @param origin where the constraint is written
 */
public record VersionBound(Relation relation, String version, Origin origin) {

	/** @return whether the version is a valid Debian version */
	public boolean isValid() {
		return DebianVersion.problem(version) == null;
	}

	/** @return whether {@code candidate} satisfies this bound; {@code false} if the bound's version is not valid */
	public boolean admits(DebianVersion candidate) {
		return isValid() && relation.holds(candidate, DebianVersion.parse(version));
	}

	/** @return whether both bounds say the same (same relation, versions equal as dpkg compares them) */
	public boolean sameAs(VersionBound other) {
		if (relation != other.relation) {
			return false;
		}
		if (isValid() && other.isValid()) {
			return DebianVersion.parse(version).equals(DebianVersion.parse(other.version));
		}
		return version.equals(other.version);
	}

	/**
	 * Finds two bounds that no version can satisfy together, whatever versions exist: the
	 * tightest lower bound above (or, if one of them is strict, at) the tightest upper bound.
	 * Bounds whose version is not valid are ignored.
	 *
	 * @return the lower and the upper bound that contradict each other, if there are such
	 */
	public static Optional<List<VersionBound>> contradiction(List<VersionBound> bounds) {
		VersionBound lower = null;
		VersionBound upper = null;
		for (VersionBound b : bounds) {
			if (!b.isValid()) {
				continue;
			}
			if (b.relation != Relation.LT && b.relation != Relation.LE
					&& (lower == null || tighter(b, lower, Relation.GT))) {
				lower = b;
			}
			if (b.relation != Relation.GT && b.relation != Relation.GE
					&& (upper == null || tighter(b, upper, Relation.LT))) {
				upper = b;
			}
		}
		if (lower == null || upper == null) {
			return Optional.empty();
		}
		int c = DebianVersion.parse(lower.version).compareTo(DebianVersion.parse(upper.version));
		if (c > 0 || c == 0 && (lower.relation == Relation.GT || upper.relation == Relation.LT)) {
			return Optional.of(List.of(lower, upper));
		}
		return Optional.empty();
	}

	/**
	 * @param strict the strict relation of the direction: {@code GT} for lower bounds (higher
	 *        is tighter), {@code LT} for upper bounds (lower is tighter)
	 * @return whether bound {@code a} is tighter than {@code b} in that direction
	 */
	private static boolean tighter(VersionBound a, VersionBound b, Relation strict) {
		int c = DebianVersion.parse(a.version).compareTo(DebianVersion.parse(b.version));
		if (strict == Relation.LT) {
			c = -c;
		}
		return c > 0 || c == 0 && a.relation == strict && b.relation != strict;
	}

	/** @return the bound as the symbol form writes it: {@code >= 4.1} */
	@Override
	public String toString() {
		return relation.symbol() + " " + version;
	}
}
