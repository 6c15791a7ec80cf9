package org.vsestudio.dsl.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * A named package set whose requirements an effective package list includes.
 *
 * @param name the qualified name of the set
 * @param distribution the distribution the set is written for ({@code for rhel 9}), if any
 * @param requires the names of the sets it requires
 * @param conflicts the names of the sets it conflicts with
 * @param declaration where the set is declared
 * @param reference where the set is referenced, in a {@code packages} setting
 */
public record IncludedSet(String name, Optional<DistributionRelease> distribution, List<String> requires,
		List<String> conflicts, Origin declaration, Origin reference) {

	public IncludedSet {
		requires = List.copyOf(requires);
		conflicts = List.copyOf(conflicts);
	}
}
