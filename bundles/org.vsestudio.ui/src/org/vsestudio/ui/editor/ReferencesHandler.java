package org.vsestudio.ui.editor;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.search.ui.NewSearchUI;
import org.eclipse.ui.texteditor.ITextEditor;

/** "References in Project" (Ctrl+Shift+G): the references to the declaration at the caret, in the Search view. */
public class ReferencesHandler extends VseEditorHandler {

	@Override
	void run(ITextEditor editor, IDocument document, ITextSelection selection) {
		VseReferences.Found found = VseReferences.find(VseServices.session(document), document.get(), selection.getOffset());
		if (found == null) {
			var status = editor.getEditorSite().getActionBars().getStatusLineManager();
			status.setMessage("No declaration or reference at the caret");
			return;
		}
		NewSearchUI.runQueryInBackground(new VseReferenceSearch(found));
	}
}
