package org.vsestudio.dsl.ide.contentassist;

import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.index.HostIndexProvider;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Inject;

/**
 * The repository index a place in the text refers to, for completion and hover: the index of
 * the environment it is in (as validation has it); in a package set, or an environment that
 * names no repository, the building host's index for the set's or environment's release and
 * architecture.
 */
public class PackageIndexLookup {

	@Inject
	private IndexProvider indexProvider;

	/** @return the index of the environment {@code model} is in, or the host's for its package set's or the default release */
	public Optional<RepositoryIndex> index(EObject model) {
		Environment environment = EcoreUtil2.getContainerOfType(model, Environment.class);
		String distribution = "debian";
		String release = HostIndexProvider.DEFAULT_RELEASE;
		String architecture = HostIndexProvider.DEFAULT_ARCHITECTURE;
		if (environment != null) {
			EffectiveEnvironment effective = new Evaluator().evaluate(environment);
			IndexProvider.Lookup lookup = indexProvider.lookup(effective);
			if (lookup.index().isPresent() || lookup.unavailable().isPresent()) {
				return lookup.index();
			}
			if (effective.distribution().isPresent() && !effective.distribution().get().value().release().isEmpty()) {
				distribution = effective.distribution().get().value().distribution();
				release = effective.distribution().get().value().release();
			}
			if (effective.architecture().isPresent()) {
				architecture = effective.architecture().get().value();
			}
		} else {
			PackageSet set = EcoreUtil2.getContainerOfType(model, PackageSet.class);
			if (set != null && set.getDistribution() != null && set.getRelease() != null) {
				distribution = set.getDistribution();
				release = set.getRelease();
			}
		}
		return indexProvider.hostIndex(distribution, release, architecture);
	}
}
