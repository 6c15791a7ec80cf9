package org.vsestudio.dsl.validation;

import java.util.Optional;

import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.packages.RepositoryIndex;

/**
 * Gives validation the repository index of an environment's distribution, release and
 * architecture, so that it can report unknown packages, constraints no available version
 * satisfies, conflicts and unsatisfiable dependencies. Bound in the runtime module to
 * {@link org.vsestudio.dsl.index.HostIndexProvider}; {@link None} has no index, and those
 * checks are skipped.
 */
public interface IndexProvider {

	/**
	 * @return the index of the packages available to {@code environment} (its distribution,
	 *         release, architecture and repositories), or empty if there is none now
	 */
	Optional<RepositoryIndex> index(EffectiveEnvironment environment);

	/**
	 * @return the index of {@code environment}, or why there is none; by default
	 *         {@link #index(EffectiveEnvironment)} without a reason
	 */
	default Lookup lookup(EffectiveEnvironment environment) {
		return new Lookup(index(environment), Optional.empty());
	}

	/**
	 * The index of the building host's own repositories for a release and architecture, for
	 * where there is no environment to ask about (completion in a package set).
	 *
	 * @return the index, or empty if there is none; by default empty
	 */
	default Optional<RepositoryIndex> hostIndex(String distribution, String release, String architecture) {
		return Optional.empty();
	}

	/**
	 * What a provider has for an environment: its index, or why it has none. Both are empty
	 * when the environment says nothing to look up (it names no repository).
	 */
	record Lookup(Optional<RepositoryIndex> index, Optional<Unavailable> unavailable) {

		/** Nothing to look up, nothing to say. */
		public static final Lookup NONE = new Lookup(Optional.empty(), Optional.empty());

		public static Lookup of(RepositoryIndex index) {
			return new Lookup(Optional.of(index), Optional.empty());
		}

		public static Lookup unavailable(Unavailable why) {
			return new Lookup(Optional.empty(), Optional.of(why));
		}
	}

	/**
	 * Why the packages of an environment cannot be checked against a repository.
	 *
	 * @param reason why there is no index, a sentence (it may start with the file or address
	 *        concerned)
	 * @param error {@code true} if the environment's own settings are wrong (the repository
	 *        serves another release or architecture), {@code false} if the host or the
	 *        network lacks the index now (no apt lists, the repository cannot be reached)
	 * @param origin the statement the problem is about (a {@code repositories from host} or
	 *        {@code repository} line, or the distribution), {@code null} if none is written
	 */
	record Unavailable(String reason, boolean error, Origin origin) {

		/** @return the diagnostic's message: that names and versions are not checked, and why */
		public String message() {
			return "Package names and versions are not checked against a repository: " + reason;
		}
	}

	/** No index: validation does not check packages against a repository. */
	final class None implements IndexProvider {
		@Override
		public Optional<RepositoryIndex> index(EffectiveEnvironment environment) {
			return Optional.empty();
		}
	}
}
