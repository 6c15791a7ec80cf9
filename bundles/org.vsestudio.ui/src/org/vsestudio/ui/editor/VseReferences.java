package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
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

	/** A region of a file: a reference, or the name of the declaration; its line's number (from 1) and text. */
	public record Occurrence(URI uri, int offset, int length, int line, String lineText) {
	}

	/**
	 * An {@code import} of a file of the session.
	 *
	 * @param namespace what it imports, as written: {@code ornl.base} or {@code ornl.*}
	 * @param name the region of {@code namespace}
	 * @param end where the import line ends (after its name)
	 */
	public record Import(String namespace, Occurrence name, int end) {

		/** @return whether it imports every name below a prefix ({@code ornl.*}) */
		public boolean wildcard() {
			return namespace.endsWith("*");
		}

		/** @return whether {@code qualifiedName} is visible through this import */
		public boolean covers(String qualifiedName) {
			return wildcard() ? qualifiedName.startsWith(namespace.substring(0, namespace.length() - 1)) : namespace.equals(qualifiedName);
		}
	}

	/**
	 * The declaration at the offset (its name and kind, such as Group), its name's region, the
	 * references to it, and the imports of the files of the session.
	 */
	public record Found(String name, String kind, Occurrence declaration, List<Occurrence> references, List<Import> imports) {
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
		Occurrence declaration = occurrence(home, region.getOffset(), region.getLength());
		List<Occurrence> references = new ArrayList<>();
		List<Import> imports = new ArrayList<>();
		for (Resource r : List.copyOf(resource.getResourceSet().getResources())) {
			if (!(r instanceof XtextResource xr) || xr.getParseResult() == null) {
				continue;
			}
			for (TreeIterator<EObject> it = r.getAllContents(); it.hasNext();) {
				EObject object = it.next();
				EStructuralFeature imported = object.eClass().getEStructuralFeature("importedNamespace");
				if (imported != null && object.eGet(imported) instanceof String namespace) {
					List<INode> nodes = NodeModelUtils.findNodesForFeature(object, imported);
					INode whole = NodeModelUtils.getNode(object);
					if (!nodes.isEmpty() && whole != null) {
						INode node = nodes.get(0);
						imports.add(new Import(NodeModelUtils.getTokenText(node),
								occurrence(xr, node.getOffset(), node.getLength()), whole.getEndOffset()));
					}
				}
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
							references.add(occurrence(xr, node.getOffset(), node.getLength()));
						}
					}
				}
			}
		}
		return new Found(String.valueOf(name), target.eClass().getName(), declaration, List.copyOf(references), List.copyOf(imports));
	}

	/** @return the region at {@code offset} of {@code resource}, with its line's number and text */
	private static Occurrence occurrence(XtextResource resource, int offset, int length) {
		String text = resource.getParseResult().getRootNode().getText();
		int at = Math.max(0, Math.min(offset, text.length()));
		int start = text.lastIndexOf('\n', at - 1) + 1;
		int end = text.indexOf('\n', at);
		if (end < 0) {
			end = text.length();
		}
		int line = 1;
		for (int i = 0; i < start; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return new Occurrence(resource.getURI(), offset, length, line, text.substring(start, end).replace("\r", ""));
	}
}
