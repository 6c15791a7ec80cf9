package org.vsestudio.dsl.evaluation;

/**
 * An item a base environment reserves: derived environments may not change it.
 *
 * @param kind what is reserved
 * @param packageName the package, for {@link Kind#PACKAGE}; empty otherwise
 * @param environment the name of the environment that reserves it
 * @param origin where the reservation is written
 */
public record Reservation(Kind kind, String packageName, String environment, Origin origin) {

	/** What a reservation is about. */
	public enum Kind {
		/** {@code reserved packages a, b}: may not be removed or constrained differently. */
		PACKAGE,
		/** {@code reserved boot}: the boot options. */
		BOOT,
		/** {@code reserved repositories}: the repositories. */
		REPOSITORIES,
		/** {@code reserved protection}: the minimum protection. */
		PROTECTION
	}

	/** @return the reserved item for a message: {@code package 'munge'}, {@code the boot options} */
	public String item() {
		return switch (kind) {
			case PACKAGE -> "package '" + packageName + "'";
			case BOOT -> "the boot options";
			case REPOSITORIES -> "the repositories";
			case PROTECTION -> "the minimum protection";
		};
	}
}
