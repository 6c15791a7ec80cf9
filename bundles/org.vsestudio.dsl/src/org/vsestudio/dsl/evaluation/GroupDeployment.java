package org.vsestudio.dsl.evaluation;

import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.ProtectionLevel;

/**
 * How a group of nodes is deployed, and the protection that gives the environment.
 *
 * @param mode {@code virtual}, {@code diskfull}, {@code diskless nfs} or {@code diskless ramfs}
 * @param protection the protection of the mode (see {@link #protectionOf(DeploymentMode)})
 * @param origin where {@code deploy} is written
 */
public record GroupDeployment(DeploymentMode mode, ProtectionLevel protection, Origin origin) {

	/**
	 * The protection of a deployment (after the VSE paper, table 1): {@code diskfull} low,
	 * {@code diskless} medium, {@code virtual} high.
	 */
	public static ProtectionLevel protectionOf(DeploymentMode mode) {
		return switch (mode) {
			case DISKFULL -> ProtectionLevel.LOW;
			case DISKLESS_NFS, DISKLESS_RAMFS -> ProtectionLevel.MEDIUM;
			case VIRTUAL -> ProtectionLevel.HIGH;
		};
	}

	/** @return the mode as the language writes it: {@code diskless nfs} */
	public static String text(DeploymentMode mode) {
		return switch (mode) {
			case DISKFULL -> "diskfull";
			case DISKLESS_NFS -> "diskless nfs";
			case DISKLESS_RAMFS -> "diskless ramfs";
			case VIRTUAL -> "virtual";
		};
	}
}
