package org.vsestudio.dsl.validation;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.EffectivePackages;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.InheritanceChain;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.evaluation.Reservation;
import org.vsestudio.dsl.evaluation.Setting;
import org.vsestudio.dsl.vse.BootOptions;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.EnvironmentStatement;
import org.vsestudio.dsl.vse.FileAppend;
import org.vsestudio.dsl.vse.FileCopy;
import org.vsestudio.dsl.vse.FileDelete;
import org.vsestudio.dsl.vse.FileLink;
import org.vsestudio.dsl.vse.FileOperation;
import org.vsestudio.dsl.vse.FileReplace;
import org.vsestudio.dsl.vse.HostRepositories;
import org.vsestudio.dsl.vse.MinimumProtection;
import org.vsestudio.dsl.vse.Packages;
import org.vsestudio.dsl.vse.PackagesOperator;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.dsl.vse.Repository;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VsePackage;

/**
 * Checks of environments: inheritance cycles, the site policy of the bases (reserved items,
 * minimum protection), the effective package list, and the files steps.
 */
public class EnvironmentValidator extends AbstractComposedValidator {

	@Check
	public void checkExtendsCycle(Environment environment) {
		InheritanceChain<Environment> chain = Evaluator.chain(environment);
		if (chain.startsCycle()) {
			String path = chain.cycle().stream().map(Environment::getName).collect(Collectors.joining(" → "));
			error("Environment '" + environment.getName() + "' extends itself through its bases (" + path
					+ "); inheritance must not form a cycle.", VsePackage.Literals.ENVIRONMENT__BASE,
					IssueCodes.EXTENDS_CYCLE);
		}
	}

	@Check(CheckType.NORMAL)
	public void checkPackageList(Environment environment) {
		EffectiveEnvironment effective = evaluator().evaluate(environment);
		if (!effective.complete()) {
			return; // a cycle or a broken reference: reported where it is
		}
		Set<String> inBase = keysOfBase(environment, PackageSetChecks::check);
		for (Finding finding : PackageSetChecks.check(effective)) {
			if (!inBase.contains(finding.key())) {
				report(finding, environment);
			}
		}
	}

	@Check(CheckType.NORMAL)
	public void checkReservedPackages(Packages statement) {
		Optional<EffectiveEnvironment> base = base(statement);
		if (base.isEmpty() || statement.getPackages() == null) {
			return;
		}
		EffectivePackages value = evaluator().evaluate(statement.getPackages());
		for (PackageRequirement r : value.requirements()) {
			Optional<Reservation> reservation = base.get().reservedPackage(r.name());
			Optional<PackageRequirement> kept = base.get().packages().requirement(r.name());
			if (reservation.isEmpty() || kept.isEmpty()) {
				continue;
			}
			List<Origin> parts = new ArrayList<>(r.origins());
			parts.add(r.addedBy());
			EObject target = locate(parts, statement);
			String reserved = "Package '" + r.name() + "' is reserved by environment '" + reservation.get().environment()
					+ "' (" + reservation.get().origin().describe() + ")";
			// the quick fixes change a requirement written here, not a package set
			String[] data = target instanceof Requirement ? new String[] { r.name() } : new String[0];
			if (statement.getOperator() == PackagesOperator.REMOVE) {
				error(reserved + " and may not be removed.", target == null ? statement : target, null,
						IssueCodes.RESERVED_PACKAGE_REMOVED, data);
			} else if (!r.constraints().isEmpty() && !r.sameConstraintsAs(kept.get())) {
				String baseConstraint = kept.get().constraints().isEmpty() ? "any version"
						: "'" + kept.get().constraintText() + "'";
				error(reserved + "; its version may not be constrained differently from the base's " + baseConstraint
						+ ".", target == null ? statement : target, null, IssueCodes.RESERVED_PACKAGE_CONSTRAINED, data);
			}
		}
	}

	@Check
	public void checkReservedSetting(EnvironmentStatement statement) {
		Reservation.Kind kind;
		if (statement instanceof BootOptions) {
			kind = Reservation.Kind.BOOT;
		} else if (statement instanceof HostRepositories || statement instanceof Repository) {
			kind = Reservation.Kind.REPOSITORIES;
		} else if (statement instanceof MinimumProtection) {
			kind = Reservation.Kind.PROTECTION;
		} else {
			return;
		}
		Optional<Reservation> reservation = base(statement).flatMap(b -> b.reservation(kind));
		if (reservation.isPresent()) {
			String item = reservation.get().item();
			error(Character.toUpperCase(item.charAt(0)) + item.substring(1)
					+ (kind == Reservation.Kind.PROTECTION ? " is" : " are") + " reserved by environment '"
					+ reservation.get().environment() + "' (" + reservation.get().origin().describe()
					+ ") and may not be set in environment '" + environment(statement).getName() + "'.", statement, null,
					IssueCodes.RESERVED_SETTING_CHANGED);
		}
	}

	@Check
	public void checkProtectionNotLowered(MinimumProtection protection) {
		Optional<EffectiveEnvironment> base = base(protection);
		if (base.isEmpty() || base.get().reservation(Reservation.Kind.PROTECTION).isPresent()) {
			return;
		}
		Optional<Setting<ProtectionLevel>> required = base.get().minimumProtection();
		if (required.isPresent() && protection.getLevel().getValue() < required.get().value().getValue()) {
			warning("Environment '" + environment(protection).getName() + "' cannot lower the minimum protection: its base '"
					+ required.get().environment() + "' requires at least " + required.get().value().getLiteral() + " ("
					+ required.get().origin().describe() + "), which still applies.",
					VsePackage.Literals.MINIMUM_PROTECTION__LEVEL, IssueCodes.PROTECTION_LOWERED);
		}
	}

	@Check
	public void checkCopySource(FileCopy copy) {
		String source = copy.getSource();
		if (source == null) {
			return;
		}
		if (source.startsWith("/")) {
			error("The source '" + source + "' of a copy must be relative to the folder of this .vse file, so that the project holds it.",
					VsePackage.Literals.FILE_COPY__SOURCE, IssueCodes.FILE_SOURCE_NOT_RELATIVE);
			return;
		}
		URI uri = copy.eResource() == null ? null : copy.eResource().getURI();
		if (uri == null || !uri.isFile() || uri.toFileString() == null) {
			return;
		}
		try {
			Path file = Path.of(uri.toFileString()).toAbsolutePath();
			Path path = file.getParent().resolve(source).normalize();
			if (source.isBlank() || !java.nio.file.Files.exists(path)) {
				error("The file or folder '" + source + "' to copy does not exist: there is no " + path + " beside "
						+ file.getFileName() + ".", VsePackage.Literals.FILE_COPY__SOURCE, IssueCodes.FILE_SOURCE_MISSING);
			}
		} catch (InvalidPathException e) {
			error("The source '" + source + "' of a copy is not a valid path: " + e.getReason() + ".",
					VsePackage.Literals.FILE_COPY__SOURCE, IssueCodes.FILE_SOURCE_MISSING);
		}
	}

	@Check
	public void checkImagePathIsAbsolute(FileOperation operation) {
		String path;
		EStructuralFeature feature;
		if (operation instanceof FileCopy c) {
			path = c.getTarget();
			feature = VsePackage.Literals.FILE_COPY__TARGET;
		} else if (operation instanceof FileLink l) {
			path = l.getLink();
			feature = VsePackage.Literals.FILE_LINK__LINK;
		} else if (operation instanceof FileDelete d) {
			path = d.getPath();
			feature = VsePackage.Literals.FILE_DELETE__PATH;
		} else if (operation instanceof FileAppend a) {
			path = a.getFile();
			feature = VsePackage.Literals.FILE_APPEND__FILE;
		} else if (operation instanceof FileReplace r) {
			path = r.getFile();
			feature = VsePackage.Literals.FILE_REPLACE__FILE;
		} else {
			return;
		}
		if (path != null && !path.startsWith("/")) {
			error("The path '" + path + "' in the image must be absolute, such as '/" + path + "'.", feature,
					IssueCodes.FILE_TARGET_NOT_ABSOLUTE);
		}
	}

	/** @return the keys of what {@code checks} finds in the base of {@code environment} */
	private Set<String> keysOfBase(Environment environment, Function<EffectiveEnvironment, List<Finding>> checks) {
		Environment base = environment.getBase();
		if (base == null || base.eIsProxy() || Evaluator.chain(environment).cyclic()) {
			return Set.of();
		}
		return checks.apply(evaluator().evaluate(base)).stream().map(Finding::key).collect(Collectors.toSet());
	}

	/** @return the effective base of the environment that holds {@code statement}, if it has one */
	private Optional<EffectiveEnvironment> base(EnvironmentStatement statement) {
		Environment environment = environment(statement);
		if (environment == null) {
			return Optional.empty();
		}
		InheritanceChain<Environment> chain = Evaluator.chain(environment);
		if (chain.members().size() < 2 || chain.startsCycle()) {
			return Optional.empty();
		}
		return Optional.of(evaluator().evaluate(environment.getBase()));
	}

	private static Environment environment(EObject statement) {
		return statement.eContainer() instanceof Environment e ? e : null;
	}
}
