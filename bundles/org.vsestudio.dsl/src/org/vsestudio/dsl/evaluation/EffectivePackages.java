package org.vsestudio.dsl.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The value of a package-set expression or of an environment's package list: requirements
 * (one per package, constraints combined), conflicts, and the named package sets included.
 *
 * <p>The set algebra of the language:
 * <ul>
 * <li>{@link #union(EffectivePackages) union} keeps everything of both, and combines two
 * requirements on the same package (both constraints must hold);</li>
 * <li>{@link #intersection(EffectivePackages) intersection} keeps the requirements whose
 * package both sides require (constraints combined), the conflicts both declare and the
 * sets both include;</li>
 * <li>{@link #difference(EffectivePackages) difference} removes, by package name, every
 * package the right side requires, the conflicts it declares and the sets it includes.</li>
 * </ul>
 *
 * @param requirements the requirements, one per package name, in the order first written
 * @param conflicts the conflicts
 * @param sets the named package sets included
 */
public record EffectivePackages(List<PackageRequirement> requirements, List<ConflictingPackage> conflicts,
		List<IncludedSet> sets) {

	/** The empty list. */
	public static final EffectivePackages EMPTY = new EffectivePackages(List.of(), List.of(), List.of());

	public EffectivePackages {
		requirements = List.copyOf(requirements);
		conflicts = List.copyOf(conflicts);
		sets = List.copyOf(sets);
	}

	/** @return the requirement on {@code packageName}, if any */
	public Optional<PackageRequirement> requirement(String packageName) {
		return requirements.stream().filter(r -> r.name().equals(packageName)).findFirst();
	}

	/** @return the names of the packages required, in order */
	public List<String> names() {
		return requirements.stream().map(PackageRequirement::name).toList();
	}

	/** @return the included set named {@code name}, if any */
	public Optional<IncludedSet> set(String name) {
		return sets.stream().filter(s -> s.name().equals(name)).findFirst();
	}

	public EffectivePackages union(EffectivePackages other) {
		Map<String, PackageRequirement> byName = byName(requirements);
		for (PackageRequirement r : other.requirements) {
			byName.merge(r.name(), r, PackageRequirement::combine);
		}
		List<ConflictingPackage> allConflicts = new ArrayList<>(conflicts);
		other.conflicts.stream().filter(c -> !allConflicts.contains(c)).forEach(allConflicts::add);
		List<IncludedSet> allSets = new ArrayList<>(sets);
		Set<String> names = setNames(sets);
		other.sets.stream().filter(s -> !names.contains(s.name())).forEach(allSets::add);
		return new EffectivePackages(new ArrayList<>(byName.values()), allConflicts, allSets);
	}

	public EffectivePackages intersection(EffectivePackages other) {
		Map<String, PackageRequirement> theirs = byName(other.requirements);
		List<PackageRequirement> common = requirements.stream().filter(r -> theirs.containsKey(r.name()))
				.map(r -> r.combine(theirs.get(r.name()))).toList();
		Set<String> theirConflicts = other.conflicts.stream().map(ConflictingPackage::name).collect(Collectors.toSet());
		Set<String> theirSets = setNames(other.sets);
		return new EffectivePackages(common, filter(conflicts, c -> theirConflicts.contains(c.name())),
				filter(sets, s -> theirSets.contains(s.name())));
	}

	public EffectivePackages difference(EffectivePackages other) {
		Set<String> removed = other.requirements.stream().map(PackageRequirement::name).collect(Collectors.toSet());
		Set<String> removedConflicts = other.conflicts.stream().map(ConflictingPackage::name)
				.collect(Collectors.toSet());
		Set<String> removedSets = setNames(other.sets);
		return new EffectivePackages(filter(requirements, r -> !removed.contains(r.name())),
				filter(conflicts, c -> !removedConflicts.contains(c.name())),
				filter(sets, s -> !removedSets.contains(s.name())));
	}

	/** @return this list with {@code requirement} in place of the requirement on the same package, or added */
	public EffectivePackages with(PackageRequirement requirement) {
		Map<String, PackageRequirement> byName = byName(requirements);
		byName.put(requirement.name(), requirement);
		return new EffectivePackages(new ArrayList<>(byName.values()), conflicts, sets);
	}

	private static Map<String, PackageRequirement> byName(List<PackageRequirement> requirements) {
		Map<String, PackageRequirement> byName = new LinkedHashMap<>();
		for (PackageRequirement r : requirements) {
			byName.merge(r.name(), r, PackageRequirement::combine);
		}
		return byName;
	}

	private static Set<String> setNames(List<IncludedSet> sets) {
		return sets.stream().map(IncludedSet::name).collect(Collectors.toSet());
	}

	private static <T> List<T> filter(List<T> list, Predicate<T> keep) {
		return list.stream().filter(keep).toList();
	}
}
