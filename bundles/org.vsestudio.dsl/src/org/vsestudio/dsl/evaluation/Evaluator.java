package org.vsestudio.dsl.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.vsestudio.dsl.hostlist.HostList;
import org.vsestudio.dsl.vse.Architecture;
import org.vsestudio.dsl.vse.BootOptions;
import org.vsestudio.dsl.vse.BridgeNetwork;
import org.vsestudio.dsl.vse.Cpus;
import org.vsestudio.dsl.vse.Deployment;
import org.vsestudio.dsl.vse.Disk;
import org.vsestudio.dsl.vse.Distribution;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.EnvironmentStatement;
import org.vsestudio.dsl.vse.FileAppend;
import org.vsestudio.dsl.vse.FileCopy;
import org.vsestudio.dsl.vse.FileDelete;
import org.vsestudio.dsl.vse.FileLink;
import org.vsestudio.dsl.vse.FileOperation;
import org.vsestudio.dsl.vse.FileReplace;
import org.vsestudio.dsl.vse.Files;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.HostRepositories;
import org.vsestudio.dsl.vse.InlineSet;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.MachineSetExpression;
import org.vsestudio.dsl.vse.MachineSetMember;
import org.vsestudio.dsl.vse.MachineSetOperation;
import org.vsestudio.dsl.vse.MachineSetReference;
import org.vsestudio.dsl.vse.Memory;
import org.vsestudio.dsl.vse.MinimumProtection;
import org.vsestudio.dsl.vse.Nic;
import org.vsestudio.dsl.vse.PackageConflict;
import org.vsestudio.dsl.vse.PackageList;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.PackageSetReference;
import org.vsestudio.dsl.vse.Packages;
import org.vsestudio.dsl.vse.Profile;
import org.vsestudio.dsl.vse.ProfileSetting;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.dsl.vse.Repository;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.ReservedPackages;
import org.vsestudio.dsl.vse.ReservedSetting;
import org.vsestudio.dsl.vse.RunCommand;
import org.vsestudio.dsl.vse.Sandbox;
import org.vsestudio.dsl.vse.SetExpression;
import org.vsestudio.dsl.vse.SetOperation;
import org.vsestudio.dsl.vse.Size;
import org.vsestudio.dsl.vse.User;
import org.vsestudio.dsl.vse.Uses;
import org.vsestudio.dsl.vse.VersionConstraint;
import org.vsestudio.packages.Relation;

/**
 * Evaluates declarations of the VSE language into their effective, immutable form.
 *
 * <p>Environments: the chain of bases is applied from the root down. A setting written
 * again in a derived environment overrides the base's (distribution, architecture,
 * repositories, boot options); {@code packages +=}, {@code -=} and {@code =} are applied in
 * order to the base's list; files steps, run steps and users accumulate (a user of the same
 * name replaces the base's). Site policy wins: what a base reserves keeps the base's value
 * in the effective environment (a reserved package stays, with the base's constraints,
 * whatever a derived environment writes), and the minimum protection can be raised but
 * never lowered. Validation reports every attempt to change a reserved item.
 *
 * <p>Evaluation is total: on a cycle of {@code extends} or of machine-set references, or
 * on a reference that does not resolve, it stops following, marks the result incomplete
 * and returns what it has; it never throws on a model the parser produced, however broken.
 *
 * <p>An evaluator remembers what it evaluated; use a new one after the models change.
 * It is not thread-safe.
 */
public final class Evaluator {

	private final Map<Environment, EffectiveEnvironment> environments = new IdentityHashMap<>();
	private final Map<Profile, EffectiveProfile> profiles = new IdentityHashMap<>();
	private final Map<MachineSet, EffectiveMachineSet> machineSets = new IdentityHashMap<>();
	private final Set<MachineSet> machineSetsInProgress = Collections.newSetFromMap(new IdentityHashMap<>());

	/** @return the chain of {@code environment}'s bases (see {@link InheritanceChain}) */
	public static InheritanceChain<Environment> chain(Environment environment) {
		return InheritanceChain.of(environment, Environment::getBase);
	}

	/** @return the chain of {@code profile}'s bases (see {@link InheritanceChain}) */
	public static InheritanceChain<Profile> chain(Profile profile) {
		return InheritanceChain.of(profile, Profile::getBase);
	}

	/** @return the effective environment of {@code environment} */
	public EffectiveEnvironment evaluate(Environment environment) {
		EffectiveEnvironment known = environments.get(environment);
		if (known != null) {
			return known;
		}
		InheritanceChain<Environment> chain = chain(environment);
		boolean chainComplete = chain.complete();
		EffectiveEnvironment result = null;
		for (int i = chain.members().size() - 1; i >= 0; i--) {
			Environment member = chain.members().get(i);
			EffectiveEnvironment memberResult = chainComplete ? environments.get(member) : null;
			if (memberResult == null) {
				memberResult = new EnvironmentBuilder(result, member, chainComplete).build();
				if (chainComplete || i == 0) {
					environments.put(member, memberResult);
				}
			}
			result = memberResult;
		}
		return result;
	}

	/** @return the effective profile of {@code profile} */
	public EffectiveProfile evaluate(Profile profile) {
		EffectiveProfile known = profiles.get(profile);
		if (known != null) {
			return known;
		}
		InheritanceChain<Profile> chain = chain(profile);
		EffectiveProfile result = null;
		for (int i = chain.members().size() - 1; i >= 0; i--) {
			Profile member = chain.members().get(i);
			EffectiveProfile memberResult = chain.complete() ? profiles.get(member) : null;
			if (memberResult == null) {
				memberResult = applyProfile(result, member, chain.complete());
				if (chain.complete() || i == 0) {
					profiles.put(member, memberResult);
				}
			}
			result = memberResult;
		}
		return result;
	}

	/** @return the effective machine set of {@code machineSet} */
	public EffectiveMachineSet evaluate(MachineSet machineSet) {
		EffectiveMachineSet known = machineSets.get(machineSet);
		if (known != null) {
			return known;
		}
		Origin origin = Origin.of(machineSet);
		if (!machineSetsInProgress.add(machineSet)) {
			// a cycle of references: stop here
			return new EffectiveMachineSet(name(machineSet), origin, false, List.of(), List.of());
		}
		try {
			EffectiveMachineSet result;
			if (machineSet.getExpression() != null) {
				MachineSetValue value = evaluate(machineSet.getExpression());
				result = new EffectiveMachineSet(name(machineSet), origin, value.complete, value.groups, value.uses);
			} else {
				result = machineSetBody(machineSet, origin);
			}
			machineSets.put(machineSet, result);
			return result;
		} finally {
			machineSetsInProgress.remove(machineSet);
		}
	}

	/**
	 * Evaluates a package-set expression on its own. Set references that do not resolve
	 * contribute nothing.
	 */
	public EffectivePackages evaluate(SetExpression expression) {
		return packages(expression, new boolean[] { true });
	}

	/** @return the packages of one package set (its own declaration stands for the reference) */
	public EffectivePackages evaluate(PackageSet set) {
		return packageSet(set, set);
	}

	// ------------------------------------------------------------------ environments

	/** Applies one environment's statements over its base's effective environment. */
	private final class EnvironmentBuilder {
		private final Environment environment;
		private final String name;
		private final List<String> bases = new ArrayList<>();
		private boolean complete;
		private Optional<Setting<DistributionRelease>> distribution = Optional.empty();
		private Optional<Setting<String>> architecture = Optional.empty();
		private List<RepositorySource> repositories = new ArrayList<>();
		private EffectivePackages packages = EffectivePackages.EMPTY;
		private final List<FileStep> files = new ArrayList<>();
		private final List<RunStep> run = new ArrayList<>();
		private final Map<String, UserAccount> users = new LinkedHashMap<>();
		private Optional<Setting<String>> bootOptions = Optional.empty();
		private final List<Reservation> reserved = new ArrayList<>();
		private Optional<Setting<ProtectionLevel>> minimumProtection = Optional.empty();
		/** what the bases reserve: this environment may not change it */
		private final Set<Reservation.Kind> reservedByBases = EnumSet.noneOf(Reservation.Kind.class);
		private final List<String> packagesReservedByBases = new ArrayList<>();

		EnvironmentBuilder(EffectiveEnvironment base, Environment environment, boolean chainComplete) {
			this.environment = environment;
			this.name = name(environment);
			this.complete = chainComplete;
			if (base != null) {
				bases.add(base.name());
				bases.addAll(base.bases());
				complete &= base.complete();
				distribution = base.distribution();
				architecture = base.architecture();
				repositories = new ArrayList<>(base.repositories());
				packages = base.packages();
				files.addAll(base.files());
				run.addAll(base.run());
				base.users().forEach(u -> users.put(u.name(), u));
				bootOptions = base.bootOptions();
				reserved.addAll(base.reserved());
				minimumProtection = base.minimumProtection();
				for (Reservation r : base.reserved()) {
					reservedByBases.add(r.kind());
					if (r.kind() == Reservation.Kind.PACKAGE) {
						packagesReservedByBases.add(r.packageName());
					}
				}
			}
		}

		EffectiveEnvironment build() {
			boolean repositoriesWritten = false;
			for (EnvironmentStatement statement : environment.getStatements()) {
				Origin origin = Origin.of(statement);
				if (statement instanceof Distribution d && d.getDistribution() != null) {
					distribution = Optional.of(new Setting<>(new DistributionRelease(d.getDistribution(),
							d.getRelease() == null ? "" : d.getRelease()), name, origin));
				} else if (statement instanceof Architecture a && a.getArchitecture() != null) {
					architecture = Optional.of(new Setting<>(a.getArchitecture(), name, origin));
				} else if (statement instanceof HostRepositories || statement instanceof Repository) {
					if (!reservedByBases.contains(Reservation.Kind.REPOSITORIES)) {
						if (!repositoriesWritten) {
							repositories.clear();
							repositoriesWritten = true;
						}
						repositories.add(repository(statement, origin));
					}
				} else if (statement instanceof Packages p) {
					applyPackages(p);
				} else if (statement instanceof Files f) {
					for (FileOperation operation : f.getOperations()) {
						fileStep(operation).ifPresent(files::add);
					}
				} else if (statement instanceof RunCommand r && r.getCommand() != null) {
					run.add(new RunStep(r.getCommand(), name, origin));
				} else if (statement instanceof User u && u.getName() != null) {
					users.put(u.getName(), new UserAccount(u.getName(), u.getUid(), origin));
				} else if (statement instanceof BootOptions b && b.getOptions() != null) {
					if (!reservedByBases.contains(Reservation.Kind.BOOT)) {
						bootOptions = Optional.of(new Setting<>(b.getOptions(), name, origin));
					}
				} else if (statement instanceof ReservedPackages r) {
					for (String packageName : r.getPackages()) {
						if (packageName != null) {
							reserved.add(new Reservation(Reservation.Kind.PACKAGE, packageName, name, origin));
						}
					}
				} else if (statement instanceof ReservedSetting r) {
					reserved.add(new Reservation(switch (r.getSetting()) {
						case BOOT -> Reservation.Kind.BOOT;
						case REPOSITORIES -> Reservation.Kind.REPOSITORIES;
						case PROTECTION -> Reservation.Kind.PROTECTION;
					}, "", name, origin));
				} else if (statement instanceof MinimumProtection m) {
					if (!reservedByBases.contains(Reservation.Kind.PROTECTION) && (minimumProtection.isEmpty()
							|| m.getLevel().getValue() >= minimumProtection.get().value().getValue())) {
						minimumProtection = Optional.of(new Setting<>(m.getLevel(), name, origin));
					}
				}
			}
			return new EffectiveEnvironment(name, Origin.of(environment), bases, complete, distribution,
					architecture, repositories, packages, files, run, new ArrayList<>(users.values()), bootOptions,
					reserved, minimumProtection);
		}

		private void applyPackages(Packages statement) {
			boolean[] ok = { true };
			EffectivePackages value = packages(statement.getPackages(), ok);
			complete &= ok[0];
			EffectivePackages before = packages;
			EffectivePackages after = switch (statement.getOperator()) {
				case ADD -> before.union(value);
				case REMOVE -> before.difference(value);
				case REPLACE -> value;
			};
			// the bases' reserved packages stay, as the bases require them
			for (String reservedPackage : packagesReservedByBases) {
				Optional<PackageRequirement> kept = before.requirement(reservedPackage);
				if (kept.isPresent()) {
					after = after.with(kept.get());
				}
			}
			packages = after;
		}
	}

	private static RepositorySource repository(EnvironmentStatement statement, Origin origin) {
		if (statement instanceof Repository r) {
			return new RepositorySource.Mirror(nonNull(r.getUrl()), nonNull(r.getSuite()),
					r.getComponents().stream().filter(c -> c != null).toList(), origin);
		}
		return new RepositorySource.Host(origin);
	}

	private static Optional<FileStep> fileStep(FileOperation operation) {
		Origin origin = Origin.of(operation);
		if (operation instanceof FileCopy c && c.getSource() != null && c.getTarget() != null) {
			return Optional.of(new FileStep.Copy(c.getSource(), resolve(c.getSource(), origin.resource()), c.getTarget(),
					origin));
		} else if (operation instanceof FileLink l && l.getTarget() != null && l.getLink() != null) {
			return Optional.of(new FileStep.Link(l.getTarget(), l.getLink(), origin));
		} else if (operation instanceof FileDelete d && d.getPath() != null) {
			return Optional.of(new FileStep.Delete(d.getPath(), origin));
		} else if (operation instanceof FileAppend a && a.getFile() != null && a.getLine() != null) {
			return Optional.of(new FileStep.Append(a.getFile(), a.getLine(), origin));
		} else if (operation instanceof FileReplace r && r.getFile() != null && r.getPattern() != null
				&& r.getReplacement() != null) {
			return Optional.of(new FileStep.Replace(r.getFile(), r.getPattern(), r.getReplacement(), origin));
		}
		return Optional.empty();
	}

	/** @return {@code source} resolved against the URI of the file that names it, or {@code null} */
	static URI resolve(String source, URI file) {
		if (file == null || source.isEmpty() || source.startsWith("/") || !file.isHierarchical()
				|| file.isRelative()) {
			return null;
		}
		try {
			String encoded = Arrays.stream(source.split("/", -1)).map(s -> URI.encodeSegment(s, false))
					.collect(Collectors.joining("/"));
			return URI.createURI(encoded).resolve(file);
		} catch (IllegalArgumentException e) {
			return null;
		}
	}

	// ------------------------------------------------------------------ package sets

	/**
	 * @param complete set to {@code false} if a reference does not resolve
	 */
	private EffectivePackages packages(SetExpression expression, boolean[] complete) {
		if (expression instanceof SetOperation o) {
			EffectivePackages left = packages(o.getLeft(), complete);
			EffectivePackages right = packages(o.getRight(), complete);
			return switch (o.getOperator()) {
				case UNION -> left.union(right);
				case INTERSECTION -> left.intersection(right);
				case DIFFERENCE -> left.difference(right);
			};
		}
		if (expression instanceof PackageSetReference r) {
			PackageSet set = r.getPackageSet();
			if (set == null || set.eIsProxy()) {
				complete[0] = false;
				return EffectivePackages.EMPTY;
			}
			return packageSet(set, r);
		}
		if (expression instanceof InlineSet inline) {
			return list(inline, "", null);
		}
		if (expression != null) {
			complete[0] = false;
		}
		return EffectivePackages.EMPTY;
	}

	private EffectivePackages packageSet(PackageSet set, EObject via) {
		EffectivePackages list = list(set, name(set), Origin.of(via));
		Optional<DistributionRelease> distribution = set.getDistribution() == null ? Optional.empty()
				: Optional.of(new DistributionRelease(set.getDistribution(), nonNull(set.getRelease())));
		IncludedSet included = new IncludedSet(name(set), distribution, names(set.getRequiredSets()),
				names(set.getConflictingSets()), Origin.of(set), Origin.of(via));
		return new EffectivePackages(list.requirements(), list.conflicts(), List.of(included));
	}

	/**
	 * The requirements and conflicts written in braces.
	 *
	 * @param via the reference that brings them in, or {@code null} for an inline set (each
	 *        element brings itself)
	 */
	private static EffectivePackages list(PackageList list, String declaredBy, Origin via) {
		EffectivePackages result = EffectivePackages.EMPTY;
		for (Requirement r : list.getRequirements()) {
			if (r.getPackageName() == null) {
				continue;
			}
			Origin origin = Origin.of(r);
			List<VersionBound> bounds = new ArrayList<>();
			for (VersionConstraint c : r.getConstraints()) {
				if (c.getVersion() != null) {
					bounds.add(new VersionBound(Relation.valueOf(c.getOperator().name()), c.getVersion(), Origin.of(c)));
				}
			}
			PackageRequirement requirement = new PackageRequirement(r.getPackageName(), bounds, List.of(origin),
					via == null ? origin : via);
			result = result.union(new EffectivePackages(List.of(requirement), List.of(), List.of()));
		}
		List<ConflictingPackage> conflicts = new ArrayList<>();
		for (PackageConflict c : list.getPackageConflicts()) {
			if (c.getPackageName() != null) {
				Origin origin = Origin.of(c);
				conflicts.add(new ConflictingPackage(c.getPackageName(), declaredBy, origin, via == null ? origin : via));
			}
		}
		return new EffectivePackages(result.requirements(), conflicts, List.of());
	}

	private static List<String> names(List<PackageSet> sets) {
		return sets.stream().filter(s -> !s.eIsProxy() && s.getName() != null).map(PackageSet::getName).toList();
	}

	// ------------------------------------------------------------------ machine sets

	private record MachineSetValue(List<NodeGroup> groups, List<UsesEdge> uses, boolean complete) {
	}

	private MachineSetValue evaluate(MachineSetExpression expression) {
		if (expression instanceof MachineSetOperation o) {
			MachineSetValue left = evaluate(o.getLeft());
			MachineSetValue right = evaluate(o.getRight());
			Set<String> rightNames = groupNames(right.groups);
			List<NodeGroup> groups = new ArrayList<>();
			List<UsesEdge> uses = new ArrayList<>();
			switch (o.getOperator()) {
				case UNION -> {
					Set<String> leftNames = groupNames(left.groups);
					groups.addAll(left.groups);
					right.groups.stream().filter(g -> !leftNames.contains(g.name())).forEach(groups::add);
					uses.addAll(left.uses);
					right.uses.stream().filter(u -> !uses.contains(u)).forEach(uses::add);
				}
				case INTERSECTION -> {
					left.groups.stream().filter(g -> rightNames.contains(g.name())).forEach(groups::add);
					uses.addAll(left.uses);
				}
				case DIFFERENCE -> {
					left.groups.stream().filter(g -> !rightNames.contains(g.name())).forEach(groups::add);
					uses.addAll(left.uses);
				}
			}
			Set<String> kept = groupNames(groups);
			uses.removeIf(u -> !kept.contains(u.client()) || !kept.contains(u.server()));
			return new MachineSetValue(groups, uses, left.complete && right.complete);
		}
		if (expression instanceof MachineSetReference r && r.getMachineSet() != null && !r.getMachineSet().eIsProxy()) {
			EffectiveMachineSet referenced = evaluate(r.getMachineSet());
			return new MachineSetValue(referenced.groups(), referenced.uses(), referenced.complete());
		}
		return new MachineSetValue(List.of(), List.of(), false);
	}

	private static Set<String> groupNames(List<NodeGroup> groups) {
		return groups.stream().map(NodeGroup::name).collect(Collectors.toSet());
	}

	private EffectiveMachineSet machineSetBody(MachineSet machineSet, Origin origin) {
		boolean complete = true;
		Map<Group, GroupDeployment> deployments = new IdentityHashMap<>();
		Map<Group, Integer> sandboxes = new IdentityHashMap<>();
		List<UsesEdge> uses = new ArrayList<>();
		for (MachineSetMember member : machineSet.getMembers()) {
			if (member instanceof Deployment d && resolved(d.getGroup())) {
				deployments.put(d.getGroup(), new GroupDeployment(d.getMode(),
						GroupDeployment.protectionOf(d.getMode()), Origin.of(d)));
			} else if (member instanceof Sandbox s && resolved(s.getGroup())) {
				sandboxes.put(s.getGroup(), s.getCount());
			} else if (member instanceof Uses u) {
				if (resolved(u.getClient()) && resolved(u.getServer())) {
					uses.add(new UsesEdge(u.getClient().getName(), u.getServer().getName(), Origin.of(u)));
				} else {
					complete = false;
				}
			} else if (!(member instanceof Group)) {
				complete = false;
			}
		}
		List<NodeGroup> groups = new ArrayList<>();
		for (MachineSetMember member : machineSet.getMembers()) {
			if (member instanceof Group g && g.getName() != null) {
				Optional<HostList> hosts = Optional.empty();
				long count = g.getCount();
				if (g.getNodes() != null) {
					try {
						hosts = Optional.of(HostList.parse(g.getNodes()));
						count = hosts.get().count();
					} catch (HostList.SyntaxException e) {
						count = 0;
					}
				}
				Optional<EffectiveEnvironment> environment = Optional.empty();
				if (g.getEnvironment() != null) {
					if (g.getEnvironment().eIsProxy()) {
						complete = false;
					} else {
						environment = Optional.of(evaluate(g.getEnvironment()));
					}
				}
				Optional<EffectiveProfile> profile = Optional.empty();
				if (g.getProfile() != null) {
					if (g.getProfile().eIsProxy()) {
						complete = false;
					} else {
						profile = Optional.of(evaluate(g.getProfile()));
					}
				}
				Integer sandbox = sandboxes.get(g);
				groups.add(new NodeGroup(g.getName(), name(machineSet), count, hosts, environment, profile,
						Optional.ofNullable(deployments.get(g)),
						sandbox == null ? OptionalInt.empty() : OptionalInt.of(sandbox), Origin.of(g)));
			}
		}
		return new EffectiveMachineSet(name(machineSet), origin, complete, groups, uses);
	}

	private static boolean resolved(Group group) {
		return group != null && !group.eIsProxy() && group.getName() != null;
	}

	// ------------------------------------------------------------------ profiles

	private static EffectiveProfile applyProfile(EffectiveProfile base, Profile profile, boolean chainComplete) {
		List<String> bases = new ArrayList<>();
		boolean complete = chainComplete;
		OptionalLong memory = OptionalLong.empty();
		OptionalInt cpus = OptionalInt.empty();
		OptionalLong disk = OptionalLong.empty();
		List<NetworkInterface> nics = new ArrayList<>();
		if (base != null) {
			bases.add(base.name());
			bases.addAll(base.bases());
			complete &= base.complete();
			memory = base.memoryMiB();
			cpus = base.cpus();
			disk = base.diskMiB();
			nics.addAll(base.nics());
		}
		boolean nicsWritten = false;
		for (ProfileSetting setting : profile.getSettings()) {
			if (setting instanceof Memory m && m.getSize() != null) {
				memory = OptionalLong.of(mebibytes(m.getSize()));
			} else if (setting instanceof Cpus c) {
				cpus = OptionalInt.of(c.getCount());
			} else if (setting instanceof Disk d && d.getSize() != null) {
				disk = OptionalLong.of(mebibytes(d.getSize()));
			} else if (setting instanceof Nic n) {
				if (!nicsWritten) {
					nics.clear();
					nicsWritten = true;
				}
				Optional<String> bridge = n.getNetwork() instanceof BridgeNetwork b ? Optional.ofNullable(b.getBridge())
						: Optional.empty();
				NetworkInterface.Network network = n.getNetwork() instanceof BridgeNetwork
						? NetworkInterface.Network.BRIDGE
						: NetworkInterface.Network.NAT;
				nics.add(new NetworkInterface(Optional.ofNullable(n.getMac()), network, bridge, Origin.of(n)));
			}
		}
		return new EffectiveProfile(name(profile), Origin.of(profile), bases, complete, memory, cpus, disk, nics);
	}

	/** @return the size in MiB */
	public static long mebibytes(Size size) {
		long amount = size.getAmount();
		return switch (size.getUnit()) {
			case MIB -> amount;
			case GIB -> amount * 1024;
			case TIB -> amount * 1024 * 1024;
		};
	}

	// ------------------------------------------------------------------ helpers

	private static String name(org.vsestudio.dsl.vse.Declaration declaration) {
		return nonNull(declaration.getName());
	}

	private static String nonNull(String s) {
		return s == null ? "" : s;
	}
}
