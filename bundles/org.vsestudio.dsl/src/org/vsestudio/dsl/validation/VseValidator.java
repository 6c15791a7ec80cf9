package org.vsestudio.dsl.validation;

import java.util.List;
import java.util.Optional;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.ComposedChecks;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.VersionBound;
import org.vsestudio.dsl.vse.Declaration;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VersionConstraint;
import org.vsestudio.dsl.vse.VsePackage;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.Relation;

import com.google.inject.Inject;

/**
 * The validator of the VSE language: names and versions here; environments, machine sets,
 * profiles and the repository index in the validators it composes. Each check is short and
 * has its issue code (see {@link IssueCodes}).
 */
@ComposedChecks(validators = { EnvironmentValidator.class, MachineSetValidator.class, ProfileValidator.class,
		PackageIndexValidator.class })
public class VseValidator extends AbstractVseValidator {

	@Inject
	private IQualifiedNameProvider qualifiedNameProvider;

	@Inject
	private ResourceDescriptionsProvider resourceDescriptionsProvider;

	@Check
	public void checkNameShape(Declaration declaration) {
		String name = declaration.getName();
		if (name != null && (name.endsWith(".") || name.contains(".."))) {
			error("The name '" + name + "' has an empty part; a qualified name is words joined by single dots, such as 'ornl.base'.",
					VsePackage.Literals.DECLARATION__NAME, IssueCodes.INVALID_NAME);
		}
	}

	@Check(CheckType.NORMAL)
	public void checkNameIsUnique(Declaration declaration) {
		String name = declaration.getName();
		if (name == null || name.endsWith(".") || name.contains("..")) {
			return;
		}
		if (declaration.eContainer() instanceof Model model) {
			for (Declaration other : model.getDeclarations()) {
				if (other != declaration && name.equals(other.getName())) {
					duplicate(name, Origin.of(other).describe());
					return;
				}
			}
		}
		Resource resource = declaration.eResource();
		QualifiedName qualifiedName = qualifiedNameProvider.getFullyQualifiedName(declaration);
		if (resource == null || qualifiedName == null) {
			return;
		}
		IResourceDescriptions index = resourceDescriptionsProvider.getResourceDescriptions(resource);
		for (IEObjectDescription other : index.getExportedObjects(VsePackage.Literals.DECLARATION, qualifiedName, false)) {
			URI file = other.getEObjectURI().trimFragment();
			if (!file.equals(resource.getURI())) {
				EObject loaded = resource.getResourceSet() == null ? null
						: resource.getResourceSet().getEObject(other.getEObjectURI(), false);
				duplicate(name, loaded != null ? Origin.of(loaded).describe() : URI.decode(file.lastSegment()));
				return;
			}
		}
	}

	private void duplicate(String name, String where) {
		error("The name '" + name + "' is also declared at " + where + "; names must be unique across the project.",
				VsePackage.Literals.DECLARATION__NAME, IssueCodes.DUPLICATE_NAME);
	}

	@Check
	public void checkVersion(VersionConstraint constraint) {
		if (constraint.getVersion() == null) {
			return;
		}
		String problem = DebianVersion.problem(constraint.getVersion());
		if (problem != null) {
			error(problem, VsePackage.Literals.VERSION_CONSTRAINT__VERSION, IssueCodes.INVALID_VERSION);
		}
	}

	@Check
	public void checkConstraintsSatisfiable(Requirement requirement) {
		List<VersionBound> bounds = requirement.getConstraints().stream().filter(c -> c.getVersion() != null)
				.map(c -> new VersionBound(Relation.valueOf(c.getOperator().name()), c.getVersion(), Origin.of(c)))
				.toList();
		Optional<List<VersionBound>> contradiction = VersionBound.contradiction(bounds);
		if (contradiction.isPresent()) {
			error("No version of '" + requirement.getPackageName() + "' can satisfy both "
					+ contradiction.get().get(0) + " and " + contradiction.get().get(1) + ".", requirement, null,
					IssueCodes.UNSATISFIABLE_CONSTRAINT);
		}
	}
}
