package org.vsestudio.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.vsestudio.dsl.evaluation.ConflictingPackage;
import org.vsestudio.dsl.evaluation.DistributionRelease;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.IncludedSet;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.evaluation.Setting;
import org.vsestudio.dsl.evaluation.VersionBound;
import org.vsestudio.dsl.vse.Requirement;

/**
 * The checks of an effective environment's package list that need no repository index:
 * explicit conflicts, package-set {@code requires} and {@code conflicts}, distributions, and
 * requirements combined from several places that no version can satisfy.
 */
public final class PackageSetChecks {

	private PackageSetChecks() {
	}

	/** @return the problems of {@code environment}'s package list */
	public static List<Finding> check(EffectiveEnvironment environment) {
		List<Finding> findings = new ArrayList<>();
		conflicts(environment, findings);
		setDependencies(environment, findings);
		distributions(environment, findings);
		combinedConstraints(environment, findings);
		return findings;
	}

	private static void conflicts(EffectiveEnvironment environment, List<Finding> findings) {
		for (ConflictingPackage c : environment.packages().conflicts()) {
			Optional<PackageRequirement> required = environment.packages().requirement(c.name());
			if (required.isEmpty()) {
				continue;
			}
			PackageRequirement r = required.get();
			String declared = c.declaredBy().isEmpty() ? "'conflicts " + c.name() + "' is written at " + c.origin().describe()
					: "package set '" + c.declaredBy() + "' declares 'conflicts " + c.name() + "' ("
							+ c.origin().describe() + ")";
			String message = "Package '" + c.name() + "' is required (" + r.origins().get(0).describe() + "), but "
					+ declared + ". Environment '" + environment.name() + "' cannot have both.";
			findings.add(new Finding("conflict|" + c.name() + "|" + c.origin().describe(), IssueCodes.PACKAGE_CONFLICT,
					message, List.of(r.addedBy(), c.addedBy()), List.of()));
		}
	}

	private static void setDependencies(EffectiveEnvironment environment, List<Finding> findings) {
		for (IncludedSet set : environment.packages().sets()) {
			for (String required : set.requires()) {
				if (environment.packages().set(required).isEmpty()) {
					String message = "Package set '" + set.name() + "' requires package set '" + required
							+ "', which environment '" + environment.name() + "' does not include; add it with 'packages += "
							+ required + "'.";
					findings.add(new Finding("requires|" + set.name() + "|" + required, IssueCodes.REQUIRED_SET_MISSING,
							message, List.of(set.reference()), List.of(required)));
				}
			}
			for (String conflicting : set.conflicts()) {
				Optional<IncludedSet> other = environment.packages().set(conflicting);
				if (other.isPresent()) {
					String message = "Package set '" + set.name() + "' conflicts with package set '" + conflicting
							+ "' (included at " + other.get().reference().describe() + "), but environment '"
							+ environment.name() + "' includes both.";
					findings.add(new Finding("set-conflict|" + set.name() + "|" + conflicting,
							IssueCodes.CONFLICTING_SET_PRESENT, message,
							List.of(set.reference(), other.get().reference()), List.of()));
				}
			}
		}
	}

	private static void distributions(EffectiveEnvironment environment, List<Finding> findings) {
		Optional<Setting<DistributionRelease>> own = environment.distribution();
		IncludedSet first = null;
		for (IncludedSet set : environment.packages().sets()) {
			if (set.distribution().isEmpty()) {
				continue;
			}
			DistributionRelease target = set.distribution().get();
			if (own.isPresent()) {
				if (!compatible(target, own.get().value())) {
					String message = "Package set '" + set.name() + "' is written for " + target + ", but environment '"
							+ environment.name() + "' uses the distribution " + own.get().value() + " ("
							+ own.get().origin().describe() + "); package sets of another distribution or release cannot be combined into it.";
					findings.add(new Finding("distribution|" + set.name(), IssueCodes.DISTRIBUTION_MISMATCH, message,
							List.of(set.reference(), own.get().origin()), List.of()));
				}
			} else if (first == null) {
				first = set;
			} else if (!compatible(target, first.distribution().get())) {
				String message = "Package sets '" + first.name() + "' (for " + first.distribution().get() + ") and '"
						+ set.name() + "' (for " + target + ") are written for different distributions and cannot be combined.";
				findings.add(new Finding("distributions|" + first.name() + "|" + set.name(),
						IssueCodes.DISTRIBUTION_MISMATCH, message, List.of(first.reference(), set.reference()), List.of()));
			}
		}
	}

	/** @return whether the same family, and the same release when both name one */
	private static boolean compatible(DistributionRelease a, DistributionRelease b) {
		return a.distribution().equalsIgnoreCase(b.distribution())
				&& (a.release().isEmpty() || b.release().isEmpty() || a.release().equalsIgnoreCase(b.release()));
	}

	private static void combinedConstraints(EffectiveEnvironment environment, List<Finding> findings) {
		for (PackageRequirement r : environment.packages().requirements()) {
			Optional<List<VersionBound>> contradiction = VersionBound.contradiction(r.constraints());
			if (contradiction.isEmpty()) {
				continue;
			}
			VersionBound lower = contradiction.get().get(0);
			VersionBound upper = contradiction.get().get(1);
			if (requirementOf(lower) == requirementOf(upper)) {
				continue; // one requirement contradicts itself: the requirement's own check reports it
			}
			String message = "No version of '" + r.name() + "' can satisfy both " + lower + " ("
					+ lower.origin().describe() + ") and " + upper + " (" + upper.origin().describe()
					+ "), which the package list of environment '" + environment.name() + "' combines.";
			List<Origin> parts = new ArrayList<>(r.origins());
			parts.add(r.addedBy());
			findings.add(new Finding("unsatisfiable|" + r.name() + "|" + lower + "|" + upper,
					IssueCodes.UNSATISFIABLE_CONSTRAINT, message, parts, List.of()));
		}
	}

	private static EObject requirementOf(VersionBound bound) {
		EObject e = bound.origin().element();
		while (e != null && !(e instanceof Requirement)) {
			e = e.eContainer();
		}
		return e;
	}
}
