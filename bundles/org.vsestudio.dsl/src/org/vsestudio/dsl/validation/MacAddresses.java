package org.vsestudio.dsl.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAC addresses of NICs: their shape, and a locally administered unicast replacement. */
public final class MacAddresses {

	private static final Pattern SHAPE = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

	private MacAddresses() {
	}

	/** @return whether {@code mac} is six pairs of hex digits separated by colons */
	public static boolean isWellFormed(String mac) {
		return mac != null && SHAPE.matcher(mac).matches();
	}

	/** @return the address in lower case */
	public static String normalize(String mac) {
		return mac.toLowerCase(Locale.ROOT);
	}

	/** @return {@code null} if {@code mac} is a valid unicast address for a NIC, else a sentence saying why not */
	public static String problem(String mac) {
		if (!isWellFormed(mac)) {
			return "'" + mac + "' is not a MAC address: write six pairs of hex digits separated by colons, such as "
					+ replacement(mac) + ".";
		}
		int first = Integer.parseInt(mac.substring(0, 2), 16);
		if ((first & 1) != 0) {
			return "The MAC address " + mac + " is a multicast address (the lowest bit of its first byte is set); a NIC needs a unicast address, such as "
					+ replacement(mac) + ".";
		}
		if (mac.replace(":", "").chars().allMatch(c -> c == '0')) {
			return "The MAC address " + mac + " is all zeros, which no NIC may use; write a unicast address such as "
					+ replacement(mac) + ".";
		}
		return null;
	}

	/**
	 * @return a locally administered unicast address in QEMU's range {@code 52:54:00}: the
	 *         last three bytes of {@code mac} if it has six, else three bytes derived from its text
	 */
	public static String replacement(String mac) {
		if (isWellFormed(mac) && !mac.substring(9).equals("00:00:00")) {
			return "52:54:00:" + normalize(mac.substring(9));
		}
		int hash = mac == null ? 0 : mac.hashCode();
		return String.format("52:54:00:%02x:%02x:%02x", (hash >> 16) & 0xff, (hash >> 8) & 0xff, hash & 0xff);
	}
}
