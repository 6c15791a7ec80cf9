package org.vsestudio.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vsestudio.dsl.evaluation.ConflictingPackage;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.index.EnvironmentClosure;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.PackageSetReference;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;

/**
 * The checks of an effective environment's whole package list against a repository index,
 * through its resolver (see {@link EnvironmentClosure}): packages the repository declares in
 * conflict ({@code Conflicts}, {@code Breaks}, through {@code Provides} too), dependencies
 * that nothing satisfies, and dependencies on a package under {@code conflicts}. Each is
 * explained by the shortest chain of the repository's relationships, and names where the
 * requirements involved are written.
 *
 * <p>Unknown packages and constraints no available version satisfies are
 * {@link PackageIndexChecks}'; a package that is both required and under {@code conflicts}
 * is {@link PackageSetChecks}'.
 */
public final class PackageClosureChecks {

	private PackageClosureChecks() {
	}

	/** @return the problems of {@code environment}'s package closure in {@code index} */
	public static List<Finding> check(EffectiveEnvironment environment, RepositoryIndex index) {
		Resolution resolution = EnvironmentClosure.resolve(index, EnvironmentClosure.request(environment));
		List<Finding> findings = new ArrayList<>();
		for (Problem problem : resolution.problems()) {
			if (problem instanceof Problem.Conflict c) {
				conflict(environment, c).ifPresent(findings::add);
			} else if (problem instanceof Problem.Unsatisfiable u) {
				unsatisfiable(environment, u).ifPresent(findings::add);
			} else if (problem instanceof Problem.Forbidden f && !f.chain().isEmpty()) {
				forbidden(environment, f).ifPresent(findings::add);
			}
			// unknown packages and versions: PackageIndexChecks; required and forbidden itself: PackageSetChecks
		}
		return findings;
	}

	private static Optional<Finding> conflict(EffectiveEnvironment environment, Problem.Conflict c) {
		Optional<PackageRequirement> first = requirement(environment, c.first().origin());
		Optional<PackageRequirement> second = requirement(environment, c.second().origin());
		if (first.isEmpty() && second.isEmpty()) {
			return Optional.empty();
		}
		String a = c.first().name();
		String b = c.second().name();
		String message = c.message() + " " + where(a, first, c.first().origin()) + "; " + where(b, second, c.second().origin())
				+ ".";
		List<Origin> parts = new ArrayList<>();
		first.ifPresent(r -> parts.addAll(parts(r)));
		second.ifPresent(r -> parts.addAll(parts(r)));
		String key = "closure-conflict|" + (a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
		return Optional.of(new Finding(key, IssueCodes.REPOSITORY_CONFLICT, message, parts, List.of()));
	}

	private static Optional<Finding> unsatisfiable(EffectiveEnvironment environment, Problem.Unsatisfiable u) {
		Optional<PackageRequirement> r = requirement(environment, u.requirement().origin());
		String message = u.message() + " " + where(u.requirement().name(), r, u.requirement().origin()) + ".";
		String key = "closure-unsatisfiable|" + u.requirement().name() + "|" + Problem.chainText(u.chain());
		return Optional.of(new Finding(key, IssueCodes.UNSATISFIABLE_DEPENDENCY, message, r.map(PackageClosureChecks::parts)
				.orElse(List.of()), List.of()));
	}

	private static Optional<Finding> forbidden(EffectiveEnvironment environment, Problem.Forbidden f) {
		Optional<PackageRequirement> r = requirement(environment, f.requirement().origin());
		Optional<ConflictingPackage> conflict = environment.packages().conflicts().stream()
				.filter(c -> c.name().equals(f.forbidden().name())).findFirst();
		if (r.isEmpty() || conflict.isEmpty()) {
			return Optional.empty();
		}
		ConflictingPackage c = conflict.get();
		String declared = c.declaredBy().isEmpty() ? "'conflicts " + c.name() + "' is written at " + c.origin().describe()
				: "package set '" + c.declaredBy() + "' declares 'conflicts " + c.name() + "' (" + c.origin().describe() + ")";
		String message = f.message() + " " + where(f.requirement().name(), r, f.requirement().origin()) + "; " + declared
				+ ".";
		List<Origin> parts = new ArrayList<>(parts(r.get()));
		parts.add(c.addedBy());
		String key = "closure-forbidden|" + c.name() + "|" + f.requirement().name();
		return Optional.of(new Finding(key, IssueCodes.PACKAGE_CONFLICT, message, parts, List.of()));
	}

	/** @return the requirement of the environment that the resolver's {@code origin} stands for */
	private static Optional<PackageRequirement> requirement(EffectiveEnvironment environment, Object origin) {
		return origin instanceof String name ? environment.packages().requirement(name) : Optional.empty();
	}

	/** @return the places of a requirement: where it is written and the line that brings it in */
	private static List<Origin> parts(PackageRequirement r) {
		List<Origin> parts = new ArrayList<>(r.origins());
		parts.add(r.addedBy());
		return parts;
	}

	/** @return {@code 'name' is required at FILE, line N} (or why the base system has it) */
	private static String where(String name, Optional<PackageRequirement> requirement, Object origin) {
		if (requirement.isEmpty()) {
			return origin instanceof BaseSystem base
					? "'" + name + "' is in the base system of every image (" + base.name().toLowerCase() + " packages)"
					: "'" + name + "' is required";
		}
		PackageRequirement r = requirement.get();
		Origin written = r.origins().get(0);
		if (r.addedBy().element() instanceof PackageSetReference && written.element().eContainer() instanceof PackageSet set) {
			return "'" + name + "' is required by package set '" + set.getName() + "' (" + written.describe() + "), included at "
					+ r.addedBy().describe();
		}
		return "'" + name + "' is required at " + written.describe();
	}
}
