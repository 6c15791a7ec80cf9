package org.vsestudio.dsl.validation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VsePackage;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Inject;

/**
 * Checks of an environment's packages against the repository index of its distribution,
 * release and architecture, when the {@link IndexProvider} has one: unknown packages (with
 * the nearest names, as issue data for a quick fix) and constraints no available version
 * satisfies.
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
		Optional<RepositoryIndex> index = indexProvider.index(effective);
		if (index.isEmpty()) {
			return;
		}
		Set<String> inBase = keysOfBase(environment);
		for (Finding finding : PackageIndexChecks.check(effective, index.get())) {
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

	private Set<String> keysOfBase(Environment environment) {
		Environment base = environment.getBase();
		if (base == null || base.eIsProxy() || Evaluator.chain(environment).cyclic()) {
			return Set.of();
		}
		EffectiveEnvironment effective = evaluator().evaluate(base);
		return indexProvider.index(effective).map(i -> PackageIndexChecks.check(effective, i)).orElse(List.of()).stream()
				.map(Finding::key).collect(Collectors.toSet());
	}
}
