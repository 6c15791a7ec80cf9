package org.vsestudio.ui.editor;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.texteditor.ITextEditor;

/** "Rename VSE Name" (Alt+Shift+R): renames the declaration at the caret and its references in the project. */
public class RenameHandler extends VseEditorHandler {

	@Override
	void run(ITextEditor editor, IDocument document, ITextSelection selection) {
		VseReferences.Found found = VseReferences.find(VseServices.session(document), document.get(), selection.getOffset());
		var shell = editor.getSite().getShell();
		if (found == null) {
			editor.getEditorSite().getActionBars().getStatusLineManager().setMessage("No declaration or reference at the caret");
			return;
		}
		InputDialog dialog = new InputDialog(shell, "Rename VSE Name",
				"New name of " + found.name() + " (" + found.references().size() + " references in the project):",
				found.name(), name -> VseRename.validate(found, name));
		if (dialog.open() != Window.OK) {
			return;
		}
		try {
			VseRename.perform(VseRename.change(found, dialog.getValue(), VseServices.fileOf(document)), new NullProgressMonitor());
		} catch (CoreException e) {
			MessageDialog.openError(shell, "Rename VSE Name", e.getStatus().getMessage());
		}
	}
}
