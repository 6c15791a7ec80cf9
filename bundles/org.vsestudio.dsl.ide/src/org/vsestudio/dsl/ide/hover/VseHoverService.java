package org.vsestudio.dsl.ide.hover;

import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.vsestudio.dsl.ide.contentassist.PackageIndexLookup;
import org.vsestudio.dsl.vse.PackageConflict;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.PackageSummary;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Inject;

/**
 * Hover: on the name of a required or conflicting package, the package's description, its
 * available versions and the repository index they come from; on a reference, what it names
 * and where that is declared.
 */
public class VseHoverService extends HoverService {

	@Inject
	private PackageIndexLookup indexLookup;

	@Inject
	private IQualifiedNameProvider names;

	@Override
	public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancel) {
		int offset = document.getOffSet(params.getPosition());
		Hover packageHover = packageHover(document, resource, offset);
		return packageHover != null ? packageHover : super.hover(document, resource, params, cancel);
	}

	/**
	 * @return what a reference names: its kind, name and where it is declared, then its
	 *         documentation comment if it has one
	 */
	@Override
	public String getContents(EObject element) {
		String documentation = super.getContents(element);
		QualifiedName name = names.getFullyQualifiedName(element);
		if (name == null) {
			return documentation;
		}
		StringBuilder text = new StringBuilder(kind(element)).append(" **").append(name).append("**");
		INode node = NodeModelUtils.getNode(element);
		if (element.eResource() != null && node != null) {
			text.append("\n\ndeclared in ").append(element.eResource().getURI().lastSegment())
					.append(", line ").append(node.getStartLine());
		}
		if (documentation != null && !documentation.isBlank()) {
			text.append("\n\n").append(documentation);
		}
		return text.toString();
	}

	private static String kind(EObject element) {
		return element.eClass().getName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
	}

	private Hover packageHover(Document document, XtextResource resource, int offset) {
		if (resource.getParseResult() == null) {
			return null;
		}
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		if (leaf == null || leaf.isHidden()) {
			return null;
		}
		EObject element = NodeModelUtils.findActualSemanticObjectFor(leaf);
		String name = element instanceof Requirement r ? r.getPackageName()
				: element instanceof PackageConflict c ? c.getPackageName() : null;
		if (name == null || !name.equals(NodeModelUtils.getTokenText(leaf).replaceFirst("^\\^", ""))) {
			return null;
		}
		Optional<RepositoryIndex> index = indexLookup.index(element);
		StringBuilder text = new StringBuilder("**").append(name).append("**");
		if (index.isEmpty()) {
			text.append("\n\nNo repository index is available to describe this package.");
		} else {
			PackageSummary summary = index.get().summary(name);
			String where = index.get().distribution() + " " + index.get().release() + " (" + index.get().architecture() + ")";
			if (summary == null) {
				text.append("\n\nNot in the index of ").append(where).append('.');
			} else {
				if (!summary.description().isBlank()) {
					text.append(": ").append(summary.description());
				}
				if (summary.virtual()) {
					text.append("\n\nA virtual package of ").append(where).append('.');
				} else {
					text.append("\n\nVersions in ").append(where).append(": ")
							.append(summary.versions().stream().map(DebianVersion::toString).collect(Collectors.joining(", ")));
				}
			}
		}
		Range range = new Range(document.getPosition(leaf.getOffset()), document.getPosition(leaf.getEndOffset()));
		return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text.toString()), range);
	}
}
