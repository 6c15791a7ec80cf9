package org.vsestudio.dsl.validation;

/**
 * The issue codes of the VSE language's diagnostics. They are stable: quick fixes, tests and
 * tools (the {@code vse} command's machine-readable output) refer to them.
 */
public final class IssueCodes {

	private static final String PREFIX = "vse.";

	// ---------------------------------------------------------------- text and links

	/** A syntax error (Xtext's own code for it is shown under this name). */
	public static final String SYNTAX = PREFIX + "syntax";

	/** A reference to a name that no visible declaration has (Xtext's linking code, renamed). */
	public static final String UNRESOLVED_REFERENCE = PREFIX + "unresolved-reference";

	// ---------------------------------------------------------------- names

	/** A qualified name that ends with a dot or has an empty part ({@code ornl.}, {@code a..b}). */
	public static final String INVALID_NAME = PREFIX + "invalid-name";

	/** Two declarations of the same qualified name in the project. */
	public static final String DUPLICATE_NAME = PREFIX + "duplicate-name";

	// ---------------------------------------------------------------- packages and versions

	/** A version that is not a valid Debian version. */
	public static final String INVALID_VERSION = PREFIX + "invalid-version";

	/** Constraints on one package that no version can satisfy together, whatever the repository has. */
	public static final String UNSATISFIABLE_CONSTRAINT = PREFIX + "unsatisfiable-constraint";

	/** A package the repository index of the environment does not have; data: the nearest names. */
	public static final String UNKNOWN_PACKAGE = PREFIX + "unknown-package";

	/** A constraint no available version satisfies. */
	public static final String NO_AVAILABLE_VERSION = PREFIX + "no-available-version";

	/**
	 * A required package that a {@code conflicts} of the effective package set forbids, itself
	 * or through its dependencies.
	 */
	public static final String PACKAGE_CONFLICT = PREFIX + "package-conflict";

	/** Two required packages the repository declares in conflict ({@code Conflicts}, {@code Breaks}), themselves or through their dependencies. */
	public static final String REPOSITORY_CONFLICT = PREFIX + "repository-conflict";

	/** A dependency in the closure of a required package that nothing in the repository satisfies. */
	public static final String UNSATISFIABLE_DEPENDENCY = PREFIX + "unsatisfiable-dependency";

	/**
	 * No repository index for an environment: package names and versions are not checked. An
	 * error if the repositories serve another release or architecture, else a warning.
	 */
	public static final String INDEX_UNAVAILABLE = PREFIX + "index-unavailable";

	/** A package set's {@code requires} names a set the environment does not include. */
	public static final String REQUIRED_SET_MISSING = PREFIX + "required-set-missing";

	/** A package set's {@code conflicts} names a set the environment includes too. */
	public static final String CONFLICTING_SET_PRESENT = PREFIX + "conflicting-set-present";

	/** Package sets for another distribution or release than the environment's, or than each other. */
	public static final String DISTRIBUTION_MISMATCH = PREFIX + "distribution-mismatch";

	// ---------------------------------------------------------------- inheritance and site policy

	/** An {@code extends} cycle of environments or profiles (reported at every member). */
	public static final String EXTENDS_CYCLE = PREFIX + "extends-cycle";

	/** Removing a package a base reserves. */
	public static final String RESERVED_PACKAGE_REMOVED = PREFIX + "reserved-package-removed";

	/** Constraining the version of a reserved package differently from the base. */
	public static final String RESERVED_PACKAGE_CONSTRAINED = PREFIX + "reserved-package-constrained";

	/** Setting boot options, repositories or the minimum protection that a base reserves. */
	public static final String RESERVED_SETTING_CHANGED = PREFIX + "reserved-setting-changed";

	/** A {@code protection at least} below the base's, which still applies (warning). */
	public static final String PROTECTION_LOWERED = PREFIX + "protection-lowered";

	/** A deployment whose protection is below the environment's minimum; data: the minimum level. */
	public static final String PROTECTION_TOO_LOW = PREFIX + "protection-too-low";

	// ---------------------------------------------------------------- files

	/** A {@code copy} source that does not exist relative to the {@code .vse} file's folder. */
	public static final String FILE_SOURCE_MISSING = PREFIX + "file-source-missing";

	/** A {@code copy} source written as an absolute path. */
	public static final String FILE_SOURCE_NOT_RELATIVE = PREFIX + "file-source-not-relative";

	/** A path in the image that is not absolute. */
	public static final String FILE_TARGET_NOT_ABSOLUTE = PREFIX + "file-target-not-absolute";

	// ---------------------------------------------------------------- machine sets

	/** Two groups of a machine set with the same name. */
	public static final String DUPLICATE_GROUP = PREFIX + "duplicate-group";

	/** A group deployed twice, or given two sandbox sizes. */
	public static final String DUPLICATE_GROUP_SETTING = PREFIX + "duplicate-group-setting";

	/** A node named by the host lists of two groups. */
	public static final String DUPLICATE_NODE = PREFIX + "duplicate-node";

	/** A host list that is not valid Slurm syntax. */
	public static final String INVALID_HOST_LIST = PREFIX + "invalid-host-list";

	/** A count below 1: nodes of a group, sandbox size, CPUs. */
	public static final String COUNT_BELOW_ONE = PREFIX + "count-below-one";

	/** A cycle of {@code uses} (reported at every member). */
	public static final String USES_CYCLE = PREFIX + "uses-cycle";

	/** A machine set defined in terms of itself ({@code machines a = b}, {@code machines b = a}). */
	public static final String MACHINES_CYCLE = PREFIX + "machines-cycle";

	/** A group without {@code runs ENVIRONMENT}. */
	public static final String GROUP_WITHOUT_ENVIRONMENT = PREFIX + "group-without-environment";

	/** A sandbox larger than the group (warning); data: the group's size. */
	public static final String SANDBOX_TOO_LARGE = PREFIX + "sandbox-too-large";

	// ---------------------------------------------------------------- profiles

	/** A memory or disk size of zero. */
	public static final String INVALID_SIZE = PREFIX + "invalid-size";

	/** A MAC address that is not six hex pairs, or not unicast; data: a replacement. */
	public static final String INVALID_MAC = PREFIX + "invalid-mac";

	/** A MAC address used twice within a machine set (or a profile). */
	public static final String DUPLICATE_MAC = PREFIX + "duplicate-mac";

	private IssueCodes() {
	}

	/**
	 * The code users see for a diagnostic's code: ours as they are, Xtext's syntax and
	 * linking codes by the names above.
	 */
	public static String userFacing(String code) {
		if (code == null) {
			return PREFIX + "unknown";
		}
		return switch (code) {
			case org.eclipse.xtext.diagnostics.Diagnostic.SYNTAX_DIAGNOSTIC -> SYNTAX;
			case org.eclipse.xtext.diagnostics.Diagnostic.LINKING_DIAGNOSTIC -> UNRESOLVED_REFERENCE;
			default -> code;
		};
	}
}
