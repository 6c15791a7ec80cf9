package org.vsestudio.dsl.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.EffectiveMachineSet;
import org.vsestudio.dsl.evaluation.EffectiveProfile;
import org.vsestudio.dsl.evaluation.GroupDeployment;
import org.vsestudio.dsl.evaluation.NetworkInterface;
import org.vsestudio.dsl.evaluation.NodeGroup;
import org.vsestudio.dsl.evaluation.Setting;
import org.vsestudio.dsl.hostlist.HostList;
import org.vsestudio.dsl.vse.Deployment;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.MachineSetMember;
import org.vsestudio.dsl.vse.MachineSetReference;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.dsl.vse.Sandbox;
import org.vsestudio.dsl.vse.Uses;
import org.vsestudio.dsl.vse.VsePackage;

/**
 * Checks of machine sets: groups (names, counts, host lists, nodes named twice, an
 * environment to run), {@code uses} cycles, sandbox sizes, the protection of deployments,
 * MAC addresses shared by nodes, and machine-set expressions.
 */
public class MachineSetValidator extends AbstractComposedValidator {

	@Check
	public void checkCount(Group group) {
		if (group.getNodes() == null && group.getCount() < 1) {
			error("Group '" + group.getName() + "' must have at least 1 node; count " + group.getCount()
					+ " gives it none.", VsePackage.Literals.GROUP__COUNT, IssueCodes.COUNT_BELOW_ONE);
		}
	}

	@Check
	public void checkEnvironment(Group group) {
		if (group.getEnvironment() == null) {
			error("Group '" + group.getName() + "' runs no environment; write 'runs ENVIRONMENT' after its nodes.",
					VsePackage.Literals.GROUP__NAME, IssueCodes.GROUP_WITHOUT_ENVIRONMENT);
		}
	}

	@Check
	public void checkHostList(Group group) {
		String nodes = group.getNodes();
		HostList.SyntaxException problem = nodes == null || nodes.isEmpty() ? null : HostList.problem(nodes);
		if (problem == null) {
			return;
		}
		List<INode> features = NodeModelUtils.findNodesForFeature(group, VsePackage.Literals.GROUP__NODES);
		if (features.isEmpty()) {
			error(problem.getMessage(), VsePackage.Literals.GROUP__NODES, IssueCodes.INVALID_HOST_LIST);
			return;
		}
		INode node = features.get(0);
		int[] offsets = offsets(node, nodes);
		int first = Math.min(problem.offset(), nodes.length() - 1);
		int last = Math.max(first, Math.min(problem.offset() + problem.length(), nodes.length()) - 1);
		int offset = offsets == null ? node.getOffset() : offsets[first];
		int length = offsets == null ? node.getLength() : offsets[last] - offset + 1;
		getMessageAcceptor().acceptError("The host list '" + nodes + "' is not valid: " + problem.getMessage(), group,
				offset, length, IssueCodes.INVALID_HOST_LIST);
	}

	/**
	 * @return the document offset of each character of {@code value}, the text of the host
	 *         list's tokens (and of the hidden ones between them, or not), or {@code null}
	 */
	private static int[] offsets(INode node, String value) {
		List<ILeafNode> leaves = new ArrayList<>();
		node.getLeafNodes().forEach(leaves::add);
		while (!leaves.isEmpty() && leaves.get(0).isHidden()) {
			leaves.remove(0);
		}
		while (!leaves.isEmpty() && leaves.get(leaves.size() - 1).isHidden()) {
			leaves.remove(leaves.size() - 1);
		}
		for (boolean withHidden : new boolean[] { true, false }) {
			StringBuilder text = new StringBuilder();
			int[] offsets = new int[value.length()];
			for (ILeafNode leaf : leaves) {
				if (leaf.isHidden() && !withHidden) {
					continue;
				}
				for (int k = 0; k < leaf.getLength() && text.length() < offsets.length; k++) {
					offsets[text.length()] = leaf.getOffset() + k;
					text.append(leaf.getText().charAt(k));
				}
			}
			if (text.toString().equals(value)) {
				return offsets;
			}
		}
		return null;
	}

	@Check
	public void checkSandbox(Sandbox sandbox) {
		if (sandbox.getCount() < 1) {
			error("The sandbox needs at least 1 node of group '" + name(sandbox.getGroup()) + "'; count "
					+ sandbox.getCount() + " gives it none.",
					VsePackage.Literals.SANDBOX__COUNT, IssueCodes.COUNT_BELOW_ONE);
			return;
		}
		Group group = sandbox.getGroup();
		if (group == null || group.eIsProxy()) {
			return;
		}
		OptionalLong size = size(group);
		if (size.isPresent() && size.getAsLong() >= 1 && sandbox.getCount() > size.getAsLong()) {
			warning("The sandbox runs " + sandbox.getCount() + " nodes of group '" + group.getName() + "', which has only "
					+ size.getAsLong() + "; the sandbox should not be larger than the group.",
					VsePackage.Literals.SANDBOX__COUNT, IssueCodes.SANDBOX_TOO_LARGE, Long.toString(size.getAsLong()));
		}
	}

	@Check(CheckType.NORMAL)
	public void checkDeploymentProtection(Deployment deployment) {
		Group group = deployment.getGroup();
		if (group == null || group.eIsProxy() || group.getEnvironment() == null || group.getEnvironment().eIsProxy()) {
			return;
		}
		EffectiveEnvironment environment = evaluator().evaluate(group.getEnvironment());
		Optional<Setting<ProtectionLevel>> required = environment.minimumProtection();
		ProtectionLevel given = GroupDeployment.protectionOf(deployment.getMode());
		if (required.isEmpty() || given.getValue() >= required.get().value().getValue()) {
			return;
		}
		String where = (required.get().environment().equals(environment.name()) ? ""
				: "set by '" + required.get().environment() + "', ") + required.get().origin().describe();
		error("Deploying group '" + group.getName() + "' as " + GroupDeployment.text(deployment.getMode()) + " gives it "
				+ given.getLiteral() + " protection, but environment '" + environment.name()
				+ "' requires protection at least " + required.get().value().getLiteral() + " (" + where + "). Deploy it "
				+ adequate(required.get().value()) + ".",
				deployment, null, IssueCodes.PROTECTION_TOO_LOW, required.get().value().getLiteral());
	}

	private static String adequate(ProtectionLevel level) {
		return switch (level) {
			case LOW -> "in any way";
			case MEDIUM -> "as diskless or virtual";
			case HIGH -> "as virtual";
		};
	}

	@Check
	public void checkUsesCycle(Uses uses) {
		Group client = uses.getClient();
		Group server = uses.getServer();
		if (client == null || server == null || client.eIsProxy() || server.eIsProxy()
				|| !(uses.eContainer() instanceof MachineSet set)) {
			return;
		}
		Map<Group, List<Group>> servers = new IdentityHashMap<>();
		for (MachineSetMember member : set.getMembers()) {
			if (member instanceof Uses u && u.getClient() != null && u.getServer() != null) {
				servers.computeIfAbsent(u.getClient(), g -> new ArrayList<>()).add(u.getServer());
			}
		}
		List<Group> path = path(server, client, servers);
		if (!path.isEmpty()) {
			List<Group> cycle = new ArrayList<>();
			cycle.add(client);
			cycle.addAll(path);
			error("Group '" + client.getName() + "' uses '" + server.getName() + "', which depends on '" + client.getName()
					+ "' in turn: the uses form a cycle ("
					+ cycle.stream().map(Group::getName).collect(Collectors.joining(" → "))
					+ "), so none of them can start first.", uses, null, IssueCodes.USES_CYCLE);
		}
	}

	/** @return the shortest path of {@code uses} from {@code from} to {@code to}, both included; empty if none */
	private static List<Group> path(Group from, Group to, Map<Group, List<Group>> servers) {
		Map<Group, Group> previous = new IdentityHashMap<>();
		Deque<Group> queue = new ArrayDeque<>();
		queue.add(from);
		previous.put(from, from);
		while (!queue.isEmpty()) {
			Group current = queue.poll();
			if (current == to) {
				List<Group> path = new ArrayList<>();
				for (Group g = to; g != from; g = previous.get(g)) {
					path.add(g);
				}
				path.add(from);
				Collections.reverse(path);
				return path;
			}
			for (Group next : servers.getOrDefault(current, List.of())) {
				if (!previous.containsKey(next)) {
					previous.put(next, current);
					queue.add(next);
				}
			}
		}
		return List.of();
	}

	@Check
	public void checkGroupsAndNodes(MachineSet set) {
		Map<String, Group> byName = new HashMap<>();
		List<Group> listed = new ArrayList<>();
		List<HostList> lists = new ArrayList<>();
		Map<Group, MachineSetMember> deployed = new IdentityHashMap<>();
		Map<Group, MachineSetMember> sandboxed = new IdentityHashMap<>();
		for (MachineSetMember member : set.getMembers()) {
			if (member instanceof Group group && group.getName() != null) {
				Group earlier = byName.putIfAbsent(group.getName(), group);
				if (earlier != null) {
					error("A group named '" + group.getName() + "' is already declared (line " + line(earlier)
							+ "); group names must be unique within a machine set.", group,
							VsePackage.Literals.GROUP__NAME, IssueCodes.DUPLICATE_GROUP);
				}
				HostList hosts = hosts(group);
				if (hosts != null) {
					duplicateNode(group, hosts, listed, lists);
					listed.add(group);
					lists.add(hosts);
				}
			} else if (member instanceof Deployment d && d.getGroup() != null && !d.getGroup().eIsProxy()) {
				MachineSetMember earlier = deployed.putIfAbsent(d.getGroup(), d);
				if (earlier != null) {
					error("Group '" + d.getGroup().getName() + "' is already deployed (line " + line(earlier)
							+ "); a group is deployed in one way.", d, null, IssueCodes.DUPLICATE_GROUP_SETTING);
				}
			} else if (member instanceof Sandbox s && s.getGroup() != null && !s.getGroup().eIsProxy()) {
				MachineSetMember earlier = sandboxed.putIfAbsent(s.getGroup(), s);
				if (earlier != null) {
					error("The sandbox size of group '" + s.getGroup().getName() + "' is already given (line "
							+ line(earlier) + ").", s, null, IssueCodes.DUPLICATE_GROUP_SETTING);
				}
			}
		}
		checkMacAddresses(set);
	}

	private void duplicateNode(Group group, HostList hosts, List<Group> earlierGroups, List<HostList> earlierLists) {
		for (int j = 0; j < earlierGroups.size(); j++) {
			Optional<String> common = earlierLists.get(j).firstCommonHost(hosts);
			if (common.isPresent()) {
				Group earlier = earlierGroups.get(j);
				error("Node " + common.get() + " is in the host list of group '" + group.getName() + "' and of group '"
						+ earlier.getName() + "' (line " + line(earlier) + "); a node can belong to one group only.", group,
						VsePackage.Literals.GROUP__NODES, IssueCodes.DUPLICATE_NODE, common.get());
				return;
			}
		}
	}

	/** MAC addresses must be unique within a machine set: a fixed MAC serves one node only. */
	private void checkMacAddresses(MachineSet set) {
		Map<String, Group> owners = new HashMap<>();
		for (MachineSetMember member : set.getMembers()) {
			if (!(member instanceof Group group) || group.getProfile() == null || group.getProfile().eIsProxy()) {
				continue;
			}
			EffectiveProfile profile = evaluator().evaluate(group.getProfile());
			List<String> macs = profile.nics().stream().map(NetworkInterface::mac).flatMap(Optional::stream)
					.filter(MacAddresses::isWellFormed).map(MacAddresses::normalize).distinct().toList();
			OptionalLong size = size(group);
			if (!macs.isEmpty() && size.isPresent() && size.getAsLong() > 1) {
				error("Group '" + group.getName() + "' has " + size.getAsLong() + " nodes, but profile '" + profile.name()
						+ "' gives each of them the MAC address " + macs.get(0)
						+ "; MAC addresses must be unique within a machine set. Leave the MAC out of the profile to have one made for each node.",
						group, VsePackage.Literals.GROUP__PROFILE, IssueCodes.DUPLICATE_MAC);
				continue;
			}
			for (String mac : macs) {
				Group earlier = owners.putIfAbsent(mac, group);
				if (earlier != null && earlier != group) {
					error("Groups '" + earlier.getName() + "' (line " + line(earlier) + ") and '" + group.getName()
							+ "' both use the MAC address " + mac + " (from profile '" + profile.name()
							+ "'); MAC addresses must be unique within a machine set.", group,
							VsePackage.Literals.GROUP__PROFILE, IssueCodes.DUPLICATE_MAC);
					break;
				}
			}
		}
	}

	@Check(CheckType.NORMAL)
	public void checkExpression(MachineSet set) {
		if (set.getExpression() == null) {
			return;
		}
		List<MachineSet> cycle = cycle(set);
		if (!cycle.isEmpty()) {
			error("Machine set '" + set.getName() + "' is defined in terms of itself ("
					+ cycle.stream().map(MachineSet::getName).collect(Collectors.joining(" → ")) + ").",
					VsePackage.Literals.MACHINE_SET__EXPRESSION, IssueCodes.MACHINES_CYCLE);
			return;
		}
		EffectiveMachineSet effective = evaluator().evaluate(set);
		if (!effective.complete()) {
			return;
		}
		List<NodeGroup> groups = effective.groups().stream().filter(g -> g.hosts().isPresent()).toList();
		for (int i = 0; i < groups.size(); i++) {
			for (int j = 0; j < i; j++) {
				NodeGroup a = groups.get(j);
				NodeGroup b = groups.get(i);
				if (a.machineSet().equals(b.machineSet())) {
					continue; // reported in the machine set that declares both
				}
				Optional<String> common = a.hosts().get().firstCommonHost(b.hosts().get());
				if (common.isPresent()) {
					error("Node " + common.get() + " is in group '" + a.name() + "' of machine set '" + a.machineSet()
							+ "' and in group '" + b.name() + "' of machine set '" + b.machineSet()
							+ "'; a node can belong to one group only.", VsePackage.Literals.MACHINE_SET__EXPRESSION,
							IssueCodes.DUPLICATE_NODE, common.get());
					return;
				}
			}
		}
	}

	/** @return the machine sets from {@code set} back to itself through references, or empty */
	private static List<MachineSet> cycle(MachineSet set) {
		Map<MachineSet, MachineSet> previous = new IdentityHashMap<>();
		Deque<MachineSet> queue = new ArrayDeque<>();
		queue.add(set);
		while (!queue.isEmpty()) {
			MachineSet current = queue.poll();
			for (MachineSet next : references(current)) {
				if (next == set) {
					List<MachineSet> path = new ArrayList<>();
					path.add(set);
					for (MachineSet m = current; m != set; m = previous.get(m)) {
						path.add(1, m);
					}
					path.add(set);
					return path;
				}
				if (!previous.containsKey(next)) {
					previous.put(next, current);
					queue.add(next);
				}
			}
		}
		return List.of();
	}

	private static List<MachineSet> references(MachineSet set) {
		if (set.getExpression() == null) {
			return List.of();
		}
		List<MachineSet> result = new ArrayList<>();
		if (set.getExpression() instanceof MachineSetReference r) {
			add(r, result);
		}
		set.getExpression().eAllContents().forEachRemaining(e -> {
			if (e instanceof MachineSetReference r) {
				add(r, result);
			}
		});
		return result;
	}

	private static void add(MachineSetReference reference, List<MachineSet> result) {
		MachineSet target = reference.getMachineSet();
		if (target != null && !target.eIsProxy()) {
			result.add(target);
		}
	}

	/** @return the group's host list, if it has a valid one */
	private static HostList hosts(Group group) {
		if (group.getNodes() == null) {
			return null;
		}
		try {
			return HostList.parse(group.getNodes());
		} catch (HostList.SyntaxException e) {
			return null;
		}
	}

	/** @return the number of nodes of the group, if it can be known */
	static OptionalLong size(Group group) {
		if (group.getNodes() == null) {
			return OptionalLong.of(group.getCount());
		}
		HostList hosts = hosts(group);
		return hosts == null ? OptionalLong.empty() : OptionalLong.of(hosts.count());
	}

	private static int line(EObject element) {
		INode node = NodeModelUtils.findActualNodeFor(element);
		return node == null ? 0 : node.getStartLine();
	}

	private static String name(Group group) {
		return group == null || group.eIsProxy() ? "?" : group.getName();
	}
}
