package org.vsestudio.dsl.evaluation;

import java.util.Optional;

/**
 * A NIC of a VM profile.
 *
 * @param mac the fixed MAC address, if any
 * @param network NAT or a bridge
 * @param bridge the host bridge, for {@link Network#BRIDGE}
 * @param origin where the NIC is written
 */
public record NetworkInterface(Optional<String> mac, Network network, Optional<String> bridge, Origin origin) {

	/** How a NIC reaches the network. */
	public enum Network {
		NAT, BRIDGE
	}
}
