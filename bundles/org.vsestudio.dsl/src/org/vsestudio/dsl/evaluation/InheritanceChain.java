package org.vsestudio.dsl.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.emf.ecore.EObject;

/**
 * A declaration and its bases, nearest first, followed until a declaration without base, a
 * base that does not resolve, or a base already on the chain (a cycle). Never loops.
 *
 * @param <T> the type of declaration (environment or profile)
 * @param members the declaration, then its bases; each appears once
 * @param cycleStart the index in {@code members} of the member the chain returns to, or -1
 *        if the chain has no cycle
 * @param unresolved whether the chain ends at a base that does not resolve
 */
public record InheritanceChain<T extends EObject>(List<T> members, int cycleStart, boolean unresolved) {

	public InheritanceChain {
		members = List.copyOf(members);
	}

	/** @return the chain of {@code start}, following {@code base} (which may return {@code null}) */
	public static <T extends EObject> InheritanceChain<T> of(T start, Function<T, T> base) {
		List<T> members = new ArrayList<>();
		Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		T current = start;
		while (true) {
			members.add(current);
			seen.add(current);
			T next = base.apply(current);
			if (next == null) {
				return new InheritanceChain<>(members, -1, false);
			}
			if (next.eIsProxy()) {
				return new InheritanceChain<>(members, -1, true);
			}
			if (seen.contains(next)) {
				return new InheritanceChain<>(members, members.indexOf(next), false);
			}
			current = next;
		}
	}

	/** @return whether the chain returns to one of its members */
	public boolean cyclic() {
		return cycleStart >= 0;
	}

	/** @return whether the declaration itself is part of a cycle (it extends itself, through its bases) */
	public boolean startsCycle() {
		return cycleStart == 0;
	}

	/** @return whether the chain ends normally, at a declaration without base */
	public boolean complete() {
		return !cyclic() && !unresolved;
	}

	/** @return the members of the cycle, in order, the first one repeated at the end; empty without cycle */
	public List<T> cycle() {
		if (!cyclic()) {
			return List.of();
		}
		List<T> cycle = new ArrayList<>(members.subList(cycleStart, members.size()));
		cycle.add(members.get(cycleStart));
		return cycle;
	}
}
