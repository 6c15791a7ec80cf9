package org.vsestudio.dsl.evaluation;

import java.util.Optional;
import java.util.OptionalInt;

import org.vsestudio.dsl.hostlist.HostList;

/**
 * A group of nodes of an effective machine set.
 *
 * @param name the group's name
 * @param machineSet the name of the machine set that declares the group
 * @param count how many nodes: the {@code count}, or the number of hosts of the host list
 *        (0 if the host list is not valid)
 * @param hosts the host list, if the group names its nodes and the list is valid
 * @param environment the environment the nodes run
 * @param profile the VM profile of the nodes
 * @param deployment how the group is deployed
 * @param sandboxCount the size of the group in the local VM sandbox
 * @param origin where the group is declared
 */
public record NodeGroup(String name, String machineSet, long count, Optional<HostList> hosts,
		Optional<EffectiveEnvironment> environment, Optional<EffectiveProfile> profile,
		Optional<GroupDeployment> deployment, OptionalInt sandboxCount, Origin origin) {
}
