package org.vsestudio.dsl.evaluation;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Where something of an effective model was written: the resource, the 1-based line, and
 * the model element itself (so that validation can put a diagnostic on it).
 *
 * @param resource the URI of the {@code .vse} file, or {@code null} for an element without resource
 * @param line the line of the element's first character, 1-based; 0 if the element has no text
 * @param element the element of the model
 */
public record Origin(URI resource, int line, EObject element) {

	/** @return where {@code element} is written */
	public static Origin of(EObject element) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		int line = node == null ? 0 : node.getStartLine();
		URI uri = element.eResource() == null ? null : element.eResource().getURI();
		return new Origin(uri, line, element);
	}

	/** @return the file's name, e.g. {@code ornl.vse}; empty if unknown */
	public String fileName() {
		if (resource == null || resource.lastSegment() == null) {
			return "";
		}
		return URI.decode(resource.lastSegment());
	}

	/** @return the place for a message: {@code ornl.vse, line 17} */
	public String describe() {
		String file = fileName();
		String where = line > 0 ? "line " + line : "an unknown line";
		return file.isEmpty() ? where : file + ", " + where;
	}

	@Override
	public String toString() {
		return describe();
	}
}
