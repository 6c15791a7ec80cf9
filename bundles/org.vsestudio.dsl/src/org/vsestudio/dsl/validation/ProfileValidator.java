package org.vsestudio.dsl.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.validation.Check;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.InheritanceChain;
import org.vsestudio.dsl.evaluation.NetworkInterface;
import org.vsestudio.dsl.vse.Cpus;
import org.vsestudio.dsl.vse.Memory;
import org.vsestudio.dsl.vse.Nic;
import org.vsestudio.dsl.vse.Profile;
import org.vsestudio.dsl.vse.Size;
import org.vsestudio.dsl.vse.VsePackage;

/** Checks of VM profiles: inheritance cycles, sizes, CPUs and MAC addresses. */
public class ProfileValidator extends AbstractComposedValidator {

	@Check
	public void checkExtendsCycle(Profile profile) {
		InheritanceChain<Profile> chain = Evaluator.chain(profile);
		if (chain.startsCycle()) {
			String path = chain.cycle().stream().map(Profile::getName).collect(Collectors.joining(" → "));
			error("Profile '" + profile.getName() + "' extends itself through its bases (" + path
					+ "); inheritance must not form a cycle.", VsePackage.Literals.PROFILE__BASE, IssueCodes.EXTENDS_CYCLE);
		}
	}

	@Check
	public void checkSize(Size size) {
		if (size.getAmount() < 1) {
			String what = size.eContainer() instanceof Memory ? "memory" : "disk";
			error("A " + what + " size of " + size.getAmount() + " " + size.getUnit().getLiteral()
					+ " is none at all; give at least 1 MiB.", VsePackage.Literals.SIZE__AMOUNT, IssueCodes.INVALID_SIZE);
		}
	}

	@Check
	public void checkCpus(Cpus cpus) {
		if (cpus.getCount() < 1) {
			error("A VM needs at least 1 CPU; cpus " + cpus.getCount() + " gives it none.", VsePackage.Literals.CPUS__COUNT,
					IssueCodes.COUNT_BELOW_ONE);
		}
	}

	@Check
	public void checkMac(Nic nic) {
		if (nic.getMac() == null) {
			return;
		}
		String problem = MacAddresses.problem(nic.getMac());
		if (problem != null) {
			error(problem, VsePackage.Literals.NIC__MAC, IssueCodes.INVALID_MAC, MacAddresses.replacement(nic.getMac()));
		}
	}

	@Check
	public void checkMacsUnique(Profile profile) {
		Map<String, NetworkInterface> seen = new HashMap<>();
		for (NetworkInterface nic : evaluator().evaluate(profile).nics()) {
			if (nic.mac().isEmpty() || !MacAddresses.isWellFormed(nic.mac().get())) {
				continue;
			}
			NetworkInterface earlier = seen.putIfAbsent(MacAddresses.normalize(nic.mac().get()), nic);
			if (earlier != null && nic.origin().element() instanceof Nic own && EcoreUtil.isAncestor(profile, own)) {
				error("The MAC address " + nic.mac().get() + " is already used by another NIC of this profile ("
						+ earlier.origin().describe() + "); MAC addresses must be unique.", own,
						VsePackage.Literals.NIC__MAC, IssueCodes.DUPLICATE_MAC);
			}
		}
	}
}
