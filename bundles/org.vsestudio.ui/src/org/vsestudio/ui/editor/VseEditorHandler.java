package org.vsestudio.ui.editor;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.content.IContentType;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/** A command of the {@code .vse} editor: it changes the document of the active text editor. */
abstract class VseEditorHandler extends AbstractHandler {

	/** The content type of {@code .vse} files. */
	static final String CONTENT_TYPE = "org.vsestudio.vse";

	@Override
	public Object execute(ExecutionEvent event) {
		IEditorPart part = HandlerUtil.getActiveEditor(event);
		if (!(part instanceof ITextEditor editor) || !isVse(editor)) {
			return null;
		}
		IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
		ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
		IRewriteTarget target = editor.getAdapter(IRewriteTarget.class);
		if (target != null) {
			target.beginCompoundChange();
		}
		try {
			run(editor, document, selection);
		} catch (BadLocationException e) {
			// the document changed under us: nothing to do
		} finally {
			if (target != null) {
				target.endCompoundChange();
			}
		}
		return null;
	}

	abstract void run(ITextEditor editor, IDocument document, ITextSelection selection) throws BadLocationException;

	static boolean isVse(ITextEditor editor) {
		String name = editor.getEditorInput().getName();
		IContentType type = Platform.getContentTypeManager().findContentTypeFor(name);
		return type != null && type.isKindOf(Platform.getContentTypeManager().getContentType(CONTENT_TYPE));
	}
}
