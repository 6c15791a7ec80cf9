package org.vsestudio.dsl.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.Setting;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VsePackage;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Inject;

/**
 * Checks of an environment's packages against the repository index of its distribution,
 * release and architecture, which the {@link IndexProvider} gives: unknown packages (with
 * the nearest names, as issue data for a quick fix), constraints no available version
 * satisfies, and the whole closure (conflicts the repository declares, dependencies nothing
 * satisfies). When the provider has no index for an environment's repositories, one
 * diagnostic says why, at the statement it is about.
 */
public class PackageIndexValidator extends AbstractComposedValidator {

	@Inject
	private IndexProvider indexProvider;

	@Check(CheckType.NORMAL)
	public void checkPackagesAgainstIndex(Environment environment) {
		EffectiveEnvironment effective = evaluator().evaluate(environment);
		if (!effective.complete()) {
			return;
		}
		IndexProvider.Lookup lookup = indexProvider.lookup(effective);
		if (lookup.unavailable().isPresent()) {
			reportUnavailable(environment, effective, lookup.unavailable().get());
			return;
		}
		if (lookup.index().isEmpty()) {
			return;
		}
		Set<String> inBase = keysOfBase(environment);
		for (Finding finding : findings(effective, lookup.index().get())) {
			if (inBase.contains(finding.key())) {
				continue;
			}
			EObject target = locate(finding.parts(), environment);
			if (finding.code().equals(IssueCodes.UNKNOWN_PACKAGE) && target instanceof Requirement requirement) {
				error(finding.message(), requirement, VsePackage.Literals.REQUIREMENT__PACKAGE_NAME, finding.code(),
						finding.data().toArray(String[]::new));
			} else {
				report(new Finding(finding.key(), finding.code(), finding.message(), finding.parts(), List.of()),
						environment);
			}
		}
	}

	private static List<Finding> findings(EffectiveEnvironment environment, RepositoryIndex index) {
		List<Finding> findings = new ArrayList<>(PackageIndexChecks.check(environment, index));
		findings.addAll(PackageClosureChecks.check(environment, index));
		return findings;
	}

	/**
	 * Reports that there is no index: at the statement the reason is about if this environment
	 * writes it; else (the repositories come from a base) only if the base has its index, on the
	 * distribution or architecture this environment changes.
	 */
	private void reportUnavailable(Environment environment, EffectiveEnvironment effective, IndexProvider.Unavailable why) {
		EObject target = why.origin() == null ? null : why.origin().element();
		if (target == null || !EcoreUtil.isAncestor(environment, target)) {
			Environment base = environment.getBase();
			if (base != null && !base.eIsProxy() && !Evaluator.chain(environment).cyclic()) {
				Optional<IndexProvider.Unavailable> inBase = indexProvider.lookup(evaluator().evaluate(base)).unavailable();
				if (inBase.isPresent() && inBase.get().message().equals(why.message())) {
					return; // reported where the base writes it
				}
			}
			target = written(environment, effective.distribution().map(Setting::origin))
					.or(() -> written(environment, effective.architecture().map(Setting::origin))).orElse(null);
		}
		if (target == null) {
			if (why.error()) {
				error(why.message(), environment, VsePackage.Literals.DECLARATION__NAME, IssueCodes.INDEX_UNAVAILABLE);
			} else {
				warning(why.message(), environment, VsePackage.Literals.DECLARATION__NAME, IssueCodes.INDEX_UNAVAILABLE);
			}
		} else if (why.error()) {
			error(why.message(), target, null, IssueCodes.INDEX_UNAVAILABLE);
		} else {
			warning(why.message(), target, null, IssueCodes.INDEX_UNAVAILABLE);
		}
	}

	private static Optional<EObject> written(Environment environment, Optional<Origin> origin) {
		return origin.map(Origin::element).filter(e -> e != null && EcoreUtil.isAncestor(environment, e));
	}

	private Set<String> keysOfBase(Environment environment) {
		Environment base = environment.getBase();
		if (base == null || base.eIsProxy() || Evaluator.chain(environment).cyclic()) {
			return Set.of();
		}
		EffectiveEnvironment effective = evaluator().evaluate(base);
		if (!effective.complete()) {
			return Set.of();
		}
		return indexProvider.lookup(effective).index().map(i -> findings(effective, i)).orElse(List.of()).stream()
				.map(Finding::key).collect(Collectors.toSet());
	}
}
