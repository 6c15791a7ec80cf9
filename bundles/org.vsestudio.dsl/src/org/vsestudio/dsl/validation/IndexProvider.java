package org.vsestudio.dsl.validation;

import java.util.Optional;

import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.packages.RepositoryIndex;

/**
 * Gives validation the repository index of an environment's distribution, release and
 * architecture, so that it can report unknown packages and constraints no available version
 * satisfies. Bound in the runtime module; the default ({@link None}) has no index, and
 * those checks are skipped.
 */
public interface IndexProvider {

	/**
	 * @return the index of the packages available to {@code environment} (its distribution,
	 *         release, architecture and repositories), or empty if there is none now
	 */
	Optional<RepositoryIndex> index(EffectiveEnvironment environment);

	/** No index: validation does not check packages against a repository. */
	final class None implements IndexProvider {
		@Override
		public Optional<RepositoryIndex> index(EffectiveEnvironment environment) {
			return Optional.empty();
		}
	}
}
