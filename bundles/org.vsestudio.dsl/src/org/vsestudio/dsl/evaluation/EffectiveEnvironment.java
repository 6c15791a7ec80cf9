package org.vsestudio.dsl.evaluation;

import java.util.List;
import java.util.Optional;

import org.vsestudio.dsl.vse.ProtectionLevel;

/**
 * An environment with its inheritance applied: everything the resolver, the image builder
 * and the deployers need, without the syntax.
 *
 * @param name the qualified name
 * @param origin where the environment is declared
 * @param bases the names of the bases, nearest first
 * @param complete {@code false} if evaluation stopped early: a cycle of {@code extends}, or a
 *        reference that does not resolve (validation reports why)
 * @param distribution the distribution and release
 * @param architecture the architecture
 * @param repositories the repositories, in order
 * @param packages the package list
 * @param files the file steps, the base's first
 * @param run the commands run at build time, the base's first
 * @param users the accounts
 * @param bootOptions the kernel command line
 * @param reserved what this environment and its bases reserve
 * @param minimumProtection the lowest protection a deployment may give this environment
 */
public record EffectiveEnvironment(String name, Origin origin, List<String> bases, boolean complete,
		Optional<Setting<DistributionRelease>> distribution, Optional<Setting<String>> architecture,
		List<RepositorySource> repositories, EffectivePackages packages, List<FileStep> files, List<RunStep> run,
		List<UserAccount> users, Optional<Setting<String>> bootOptions, List<Reservation> reserved,
		Optional<Setting<ProtectionLevel>> minimumProtection) {

	public EffectiveEnvironment {
		bases = List.copyOf(bases);
		repositories = List.copyOf(repositories);
		files = List.copyOf(files);
		run = List.copyOf(run);
		users = List.copyOf(users);
		reserved = List.copyOf(reserved);
	}

	/** @return the first reservation of that kind (for packages: see {@link #reservedPackage(String)}) */
	public Optional<Reservation> reservation(Reservation.Kind kind) {
		return reserved.stream().filter(r -> r.kind() == kind).findFirst();
	}

	/** @return the reservation of the package, if this environment or a base reserves it */
	public Optional<Reservation> reservedPackage(String packageName) {
		return reserved.stream().filter(r -> r.kind() == Reservation.Kind.PACKAGE && r.packageName().equals(packageName))
				.findFirst();
	}
}
