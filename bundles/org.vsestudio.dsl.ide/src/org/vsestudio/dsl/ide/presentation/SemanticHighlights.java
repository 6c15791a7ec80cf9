package org.vsestudio.dsl.ide.presentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.PackageConflict;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.Profile;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.ReservedPackages;
import org.vsestudio.dsl.vse.VsePackage;

/**
 * What the words of a parsed and linked {@code .vse} text are, beyond what the lexer knows:
 * the names a declaration introduces (environments, package sets, profiles, machine sets,
 * groups), the references to them that resolve, and package names. A reference that does
 * not resolve is not listed, so an editor shows it as plain text.
 */
public final class SemanticHighlights {

	/** What a word is. */
	public enum Kind {
		/** The name of an environment, package set, profile, machine set or group where it is declared. */
		DECLARATION,
		/** A reference that resolves to a declaration. */
		REFERENCE,
		/** A Debian package name (a requirement, {@code conflicts NAME}, {@code reserved packages}). */
		PACKAGE
	}

	/** A word of the text and its kind; offsets are those of the text the resource was parsed from. */
	public record Highlight(int offset, int length, Kind kind) {
	}

	private SemanticHighlights() {
	}

	/**
	 * @return the highlights of {@code resource} (parsed, its references linked or linkable),
	 *         in the order of the text, without overlaps; empty when canceled
	 */
	public static List<Highlight> of(XtextResource resource, CancelIndicator cancel) {
		List<Highlight> result = new ArrayList<>();
		if (resource.getParseResult() == null) {
			return result;
		}
		for (TreeIterator<EObject> it = resource.getAllContents(); it.hasNext();) {
			if (cancel.isCanceled()) {
				return List.of();
			}
			EObject object = it.next();
			if (object instanceof PackageSet || object instanceof Environment || object instanceof Profile
					|| object instanceof MachineSet || object instanceof Group) {
				EStructuralFeature name = object.eClass().getEStructuralFeature("name");
				add(result, NodeModelUtils.findNodesForFeature(object, name), Kind.DECLARATION);
			} else if (object instanceof Requirement) {
				add(result, NodeModelUtils.findNodesForFeature(object, VsePackage.Literals.REQUIREMENT__PACKAGE_NAME), Kind.PACKAGE);
			} else if (object instanceof PackageConflict) {
				add(result, NodeModelUtils.findNodesForFeature(object, VsePackage.Literals.PACKAGE_CONFLICT__PACKAGE_NAME),
						Kind.PACKAGE);
			} else if (object instanceof ReservedPackages) {
				add(result, NodeModelUtils.findNodesForFeature(object, VsePackage.Literals.RESERVED_PACKAGES__PACKAGES), Kind.PACKAGE);
			}
			for (EReference reference : object.eClass().getEAllReferences()) {
				if (!reference.isContainment() && !reference.isContainer() && !reference.isDerived()) {
					references(result, object, reference);
				}
			}
		}
		result.sort(Comparator.comparingInt(Highlight::offset));
		List<Highlight> disjoint = new ArrayList<>(result.size());
		int end = -1;
		for (Highlight h : result) {
			if (h.offset() >= end) {
				disjoint.add(h);
				end = h.offset() + h.length();
			}
		}
		return disjoint;
	}

	/** Adds the nodes of {@code reference} in {@code object} whose target resolves. */
	private static void references(List<Highlight> result, EObject object, EReference reference) {
		List<INode> nodes = NodeModelUtils.findNodesForFeature(object, reference);
		if (nodes.isEmpty()) {
			return;
		}
		if (!reference.isMany()) {
			if (resolved(object.eGet(reference, true))) {
				add(result, nodes, Kind.REFERENCE);
			}
			return;
		}
		List<?> targets = (List<?>) object.eGet(reference, true);
		if (targets.size() != nodes.size()) {
			// cannot tell which node names which target: only when all resolve
			if (targets.stream().allMatch(SemanticHighlights::resolved) && !targets.isEmpty()) {
				add(result, nodes, Kind.REFERENCE);
			}
			return;
		}
		for (int i = 0; i < nodes.size(); i++) {
			if (resolved(targets.get(i))) {
				add(result, List.of(nodes.get(i)), Kind.REFERENCE);
			}
		}
	}

	private static boolean resolved(Object target) {
		return target instanceof EObject o && !o.eIsProxy();
	}

	private static void add(List<Highlight> result, List<INode> nodes, Kind kind) {
		for (INode node : nodes) {
			if (node.getLength() > 0) {
				result.add(new Highlight(node.getOffset(), node.getLength(), kind));
			}
		}
	}
}
