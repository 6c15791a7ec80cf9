package org.vsestudio.dsl.resource;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;

/**
 * The resource of a .vse file: Xtext's, with syntax errors that know where they end in a file
 * whose last character is a lone carriage return (an old Mac line break, or half of a Windows
 * one). Xtext 2.42 computes the end line of a position at the end of such a file by reading the
 * character after the text; the validator then dropped the error and the broken file looked
 * valid.
 */
public class VseResource extends LazyLinkingResource {

	@Override
	protected void addSyntaxDiagnostic(List<Diagnostic> diagnostics, INode node) {
		List<Diagnostic> created = new ArrayList<>(1);
		super.addSyntaxDiagnostic(created, node);
		for (Diagnostic diagnostic : created) {
			diagnostics.add(diagnostic.getClass() == XtextSyntaxDiagnostic.class ? new SyntaxDiagnostic(node) : diagnostic);
		}
	}

	/** A syntax error whose end at the end of the file, after a lone carriage return, is the start of the next line. */
	private static final class SyntaxDiagnostic extends XtextSyntaxDiagnostic {

		SyntaxDiagnostic(INode node) {
			super(node);
		}

		@Override
		public int getLineEnd() {
			return endsAfterLoneCarriageReturn() ? NodeModelUtils.getLineAndColumn(getNode(), getEnd() - 1).getLine() + 1
					: super.getLineEnd();
		}

		@Override
		public int getColumnEnd() {
			return endsAfterLoneCarriageReturn() ? 1 : super.getColumnEnd();
		}

		private int getEnd() {
			return getNode().getEndOffset();
		}

		private boolean endsAfterLoneCarriageReturn() {
			String text = getNode().getRootNode().getText();
			return getEnd() == text.length() && text.endsWith("\r");
		}
	}
}
