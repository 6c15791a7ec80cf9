package org.vsestudio.ui.editor;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.ltk.ui.refactoring.RefactoringWizardOpenOperation;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * "Rename VSE Name" (Alt+Shift+R): renames the declaration at the caret, its references and
 * the imports that name it in the project, in the refactoring dialog with its preview.
 */
public class RenameHandler extends VseEditorHandler {

	@Override
	void run(ITextEditor editor, IDocument document, ITextSelection selection) {
		VseReferences.Found found = VseReferences.find(VseServices.session(document), document.get(), selection.getOffset());
		if (found == null) {
			editor.getEditorSite().getActionBars().getStatusLineManager().setMessage("No declaration or reference at the caret");
			return;
		}
		VseRenameRefactoring refactoring = new VseRenameRefactoring(found, VseServices.fileOf(document));
		try {
			new RefactoringWizardOpenOperation(new VseRenameWizard(refactoring)).run(editor.getSite().getShell(), "Rename VSE Name");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
