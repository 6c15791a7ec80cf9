package org.vsestudio.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.evaluation.VersionBound;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.PackageSetReference;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.RepositoryIndex;

/**
 * The checks of an effective environment's packages against a repository index: packages
 * the index does not have (with the nearest names it has), and constraints that no
 * available version satisfies (with the versions there are).
 */
public final class PackageIndexChecks {

	/** How many names an unknown package suggests. */
	public static final int SUGGESTIONS = 3;

	private PackageIndexChecks() {
	}

	/** @return the problems of {@code environment}'s packages in {@code index} */
	public static List<Finding> check(EffectiveEnvironment environment, RepositoryIndex index) {
		List<Finding> findings = new ArrayList<>();
		String where = index.distribution() + " " + index.release() + " (" + index.architecture() + ")";
		for (PackageRequirement r : environment.packages().requirements()) {
			if (r.name().contains(":")) {
				continue; // a package of another architecture (libc6:i386): not in this index
			}
			List<Origin> parts = new ArrayList<>(r.origins());
			parts.add(r.addedBy());
			List<DebianVersion> versions = index.versions(r.name());
			if (versions.isEmpty() && !index.contains(r.name())) {
				List<String> nearest = index.nearestNames(r.name(), SUGGESTIONS);
				String message = "Package '" + r.name() + "'" + source(r) + " does not exist in " + where + "."
						+ (nearest.isEmpty() ? "" : " Did you mean " + alternatives(nearest) + "?");
				findings.add(new Finding("unknown|" + r.name(), IssueCodes.UNKNOWN_PACKAGE, message, parts, nearest));
				continue;
			}
			List<VersionBound> bounds = r.constraints().stream().filter(VersionBound::isValid).toList();
			if (bounds.isEmpty() || versions.isEmpty() || VersionBound.contradiction(bounds).isPresent()) {
				continue;
			}
			boolean satisfiable = versions.stream().anyMatch(v -> bounds.stream().allMatch(b -> b.admits(v)));
			if (!satisfiable) {
				String message = "No available version of '" + r.name() + "'" + source(r) + " satisfies "
						+ r.constraintText() + ": " + where + " has "
						+ versions.stream().map(DebianVersion::toString).collect(Collectors.joining(", ")) + ".";
				findings.add(new Finding("version|" + r.name() + "|" + r.constraintText(),
						IssueCodes.NO_AVAILABLE_VERSION, message, parts, List.of()));
			}
		}
		return findings;
	}

	/** @return where a requirement that comes from a package set is written, for a message */
	private static String source(PackageRequirement r) {
		if (r.addedBy().element() instanceof PackageSetReference
				&& r.origins().get(0).element().eContainer() instanceof PackageSet set) {
			return " (required by package set '" + set.getName() + "', " + r.origins().get(0).describe() + ")";
		}
		return "";
	}

	/** @return {@code 'a', 'b' or 'c'} */
	static String alternatives(List<String> names) {
		List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
		if (quoted.size() == 1) {
			return quoted.get(0);
		}
		return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
	}
}
