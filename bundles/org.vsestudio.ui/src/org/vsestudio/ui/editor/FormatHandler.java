package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.util.CancelIndicator;
import org.vsestudio.ui.project.VsePreferences;

/** Format (Ctrl+Shift+F): the language's formatter, through Xtext's {@link FormattingService}. */
public class FormatHandler extends VseEditorHandler {

	@Override
	void run(ITextEditor editor, IDocument document, ITextSelection selection) throws BadLocationException {
		format(document);
	}

	/** Formats the whole of {@code document} (nothing if it does not parse). */
	public static void format(IDocument document) throws BadLocationException {
		String text = document.get();
		VseDocumentSession session = VseServices.session(document);
		Document lspDocument = new Document(1, text);
		List<TextEdit> edits = session.<List<TextEdit>>withResource(text, resource -> {
			if (resource.getParseResult() != null && resource.getParseResult().hasSyntaxErrors()) {
				return List.of();
			}
			FormattingService service = session.injector().getInstance(FormattingService.class);
			DocumentFormattingParams params = new DocumentFormattingParams(
					new TextDocumentIdentifier(session.uri().toString()), options());
			return List.copyOf(service.format(lspDocument, resource, params, CancelIndicator.NullImpl));
		});
		apply(document, lspDocument, edits);
	}

	/** The indentation of the VSE preferences: spaces per level, 0 for a tab. */
	static FormattingOptions options() {
		int spaces = Platform.getPreferencesService().getInt(VsePreferences.QUALIFIER, VsePreferences.INDENTATION, 4, null);
		return spaces > 0 ? new FormattingOptions(spaces, true) : new FormattingOptions(4, false);
	}

	/** Applies LSP text edits, made against {@code lspDocument}, to {@code document}. */
	static void apply(IDocument document, Document lspDocument, List<TextEdit> edits) throws BadLocationException {
		List<TextEdit> sorted = new ArrayList<>(edits);
		sorted.sort(Comparator.comparingInt((TextEdit e) -> lspDocument.getOffSet(e.getRange().getStart())).reversed());
		for (TextEdit edit : sorted) {
			int start = lspDocument.getOffSet(edit.getRange().getStart());
			int end = lspDocument.getOffSet(edit.getRange().getEnd());
			document.replace(start, end - start, edit.getNewText());
		}
	}
}
