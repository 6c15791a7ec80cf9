package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * The declaration at an offset of a {@code .vse} document and the references to it in the
 * project's files, by walking the cross references of every model of the session's resource
 * set (the document's own and its project's other {@code .vse} files).
 */
public final class VseReferences {

	/** A region of a file: a reference, or the name of the declaration. */
	public record Occurrence(URI uri, int offset, int length, int line) {
	}

	/** The declaration at the offset (its name and kind, such as Group), its name's region, and the references to it. */
	public record Found(String name, String kind, Occurrence declaration, List<Occurrence> references) {
	}

	private VseReferences() {
	}

	/** @return what is declared or referenced at {@code offset} of {@code text}, or {@code null} */
	public static Found find(VseDocumentSession session, String text, int offset) {
		return session.withResource(text, resource -> find(session, resource, offset));
	}

	private static Found find(VseDocumentSession session, XtextResource resource, int offset) {
		EObjectAtOffsetHelper helper = session.injector().getInstance(EObjectAtOffsetHelper.class);
		INode reference = helper.getCrossReferenceNode(resource, new TextRegion(offset, 0));
		EObject target = reference != null ? helper.getCrossReferencedElement(reference)
				: helper.resolveContainedElementAt(resource, offset);
		if (target == null || target.eIsProxy() || target.eResource() == null
				|| target.eClass().getEStructuralFeature("name") == null) {
			return null;
		}
		Object name = target.eGet(target.eClass().getEStructuralFeature("name"));
		ILocationInFileProvider locations = session.injector().getInstance(ILocationInFileProvider.class);
		ITextRegion region = locations.getSignificantTextRegion(target);
		XtextResource home = (XtextResource) target.eResource();
		Occurrence declaration = new Occurrence(home.getURI(), region.getOffset(), region.getLength(),
				lineOf(home, region.getOffset()));
		List<Occurrence> references = new ArrayList<>();
		for (Resource r : List.copyOf(resource.getResourceSet().getResources())) {
			if (!(r instanceof XtextResource xr) || xr.getParseResult() == null) {
				continue;
			}
			for (TreeIterator<EObject> it = r.getAllContents(); it.hasNext();) {
				EObject object = it.next();
				for (EReference feature : object.eClass().getEAllReferences()) {
					if (feature.isContainment() || feature.isContainer()) {
						continue;
					}
					List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
					List<?> values = feature.isMany() ? List.copyOf((Collection<?>) object.eGet(feature))
							: java.util.Collections.singletonList(object.eGet(feature));
					for (int i = 0; i < values.size() && i < nodes.size(); i++) {
						Object value = values.get(i);
						if (value instanceof EObject v && v.eIsProxy()) {
							value = EcoreUtil.resolve(v, object);
						}
						if (value == target) {
							INode node = nodes.get(i);
							references.add(new Occurrence(r.getURI(), node.getOffset(), node.getLength(), node.getStartLine()));
						}
					}
				}
			}
		}
		return new Found(String.valueOf(name), target.eClass().getName(), declaration, List.copyOf(references));
	}

	private static int lineOf(XtextResource resource, int offset) {
		INode root = resource.getParseResult().getRootNode();
		INode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
		return leaf == null ? 1 : leaf.getStartLine();
	}
}
