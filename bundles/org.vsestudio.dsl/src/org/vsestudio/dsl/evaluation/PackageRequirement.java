package org.vsestudio.dsl.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A package of an effective package list with every constraint that applies to it: when
 * several requirements on the same package are combined (by a union or by inheritance),
 * all their constraints must hold.
 *
 * @param name the package name
 * @param constraints the version constraints; empty if any version will do
 * @param origins where the requirements that were combined into this one are written
 * @param addedBy the element that brought the package into the list it belongs to: the
 *        requirement itself when it is written in an inline set, else the reference to the
 *        package set that holds it (the last contributor when several were combined)
 */
public record PackageRequirement(String name, List<VersionBound> constraints, List<Origin> origins, Origin addedBy) {

	public PackageRequirement {
		constraints = List.copyOf(constraints);
		origins = List.copyOf(origins);
	}

	/** @return this requirement combined with another on the same package: both must hold */
	public PackageRequirement combine(PackageRequirement other) {
		List<VersionBound> bounds = new ArrayList<>(constraints);
		for (VersionBound b : other.constraints) {
			if (bounds.stream().noneMatch(b::sameAs)) {
				bounds.add(b);
			}
		}
		List<Origin> all = new ArrayList<>(origins);
		other.origins.stream().filter(o -> !all.contains(o)).forEach(all::add);
		return new PackageRequirement(name, bounds, all, other.addedBy);
	}

	/** @return whether this requirement and {@code other} have the same constraints, in any order */
	public boolean sameConstraintsAs(PackageRequirement other) {
		return constraints.size() == other.constraints.size()
				&& constraints.stream().allMatch(c -> other.constraints.stream().anyMatch(c::sameAs));
	}

	/** @return the constraints as written, {@code >= 1.10, < 1.12}; empty if there is none */
	public String constraintText() {
		return constraints.stream().map(VersionBound::toString).collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return constraints.isEmpty() ? name : name + " " + constraintText();
	}
}
