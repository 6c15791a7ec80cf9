package org.vsestudio.dsl.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * A machine set with its expression evaluated ({@code machines all = compute + io} combines
 * the groups of both by name): the groups and their server/client dependencies.
 *
 * @param name the qualified name
 * @param origin where the machine set is declared
 * @param complete {@code false} if evaluation stopped early (a cycle of machine-set
 *        references, or a reference that does not resolve)
 * @param groups the groups, in the order declared
 * @param uses the dependencies between groups
 */
public record EffectiveMachineSet(String name, Origin origin, boolean complete, List<NodeGroup> groups,
		List<UsesEdge> uses) {

	public EffectiveMachineSet {
		groups = List.copyOf(groups);
		uses = List.copyOf(uses);
	}

	/** @return the group named {@code name}, if any */
	public Optional<NodeGroup> group(String groupName) {
		return groups.stream().filter(g -> g.name().equals(groupName)).findFirst();
	}

	/** @return the number of nodes of every group together */
	public long nodeCount() {
		return groups.stream().mapToLong(NodeGroup::count).sum();
	}
}
