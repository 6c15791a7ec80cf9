package org.vsestudio.dsl.evaluation;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A VM profile with its inheritance applied: each setting written in a derived profile
 * overrides the base's; NICs written in a derived profile replace all of the base's NICs.
 *
 * @param name the qualified name
 * @param origin where the profile is declared
 * @param bases the names of the bases, nearest first
 * @param complete {@code false} if evaluation stopped early (a cycle of {@code extends}, or
 *        a base that does not resolve)
 * @param memoryMiB the memory, in MiB
 * @param cpus the number of virtual CPUs
 * @param diskMiB the disk size, in MiB
 * @param nics the network interfaces
 */
public record EffectiveProfile(String name, Origin origin, List<String> bases, boolean complete,
		OptionalLong memoryMiB, OptionalInt cpus, OptionalLong diskMiB, List<NetworkInterface> nics) {

	public EffectiveProfile {
		bases = List.copyOf(bases);
		nics = List.copyOf(nics);
	}
}
