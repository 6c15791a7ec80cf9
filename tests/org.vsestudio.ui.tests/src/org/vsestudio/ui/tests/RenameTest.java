package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vsestudio.ui.editor.VseReferences;
import org.vsestudio.ui.editor.VseRename;
import org.vsestudio.ui.editor.VseServices;

/** "Rename VSE Name": the declaration and its references change together, and undo restores them. */
class RenameTest {

	@Test
	void renamingClimateLargeUpdatesTheProfileAndTheMachineSet() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		try {
			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			String original = document.get();
			VseReferences.Found found = VseReferences.find(VseServices.session(document), original,
					original.indexOf("profile climate.large") + "profile climate".length());
			assertNotNull(found);
			assertEquals("climate.large", found.name());
			assertEquals(1, found.references().size(), found.toString());

			assertNull(VseRename.validate(found, "climate.big"));
			assertNotNull(VseRename.validate(found, "climate.large"), "unchanged");
			assertNotNull(VseRename.validate(found, "climate big"), "a space");
			assertNotNull(VseRename.validate(found, "profile"), "a keyword");
			assertNotNull(VseRename.validate(found, ""), "empty");

			Change undo = VseRename.perform(VseRename.change(found, "climate.big", ExampleEditors.file("climate.vse")), new NullProgressMonitor());
			String renamed = document.get();
			assertFalse(renamed.contains("climate.large"), renamed);
			assertTrue(renamed.contains("profile climate.big extends ornl.standard"), renamed);
			assertTrue(renamed.contains("runs climate.model  profile climate.big\n"), renamed);
			assertTrue(editor.isDirty(), "the open file is changed in its editor, unsaved");

			assertNotNull(undo);
			VseRename.perform(undo, new NullProgressMonitor());
			assertEquals(original, document.get(), "undo restores the text");

			// a declaration referenced from a file with unsaved changes: save it first
			ITextEditor ornl = ExampleEditors.open("site/ornl.vse");
			try {
				IDocument ornlDocument = ornl.getDocumentProvider().getDocument(ornl.getEditorInput());
				VseReferences.Found standard = VseReferences.find(VseServices.session(ornlDocument), ornlDocument.get(),
						ornlDocument.get().indexOf("ornl.standard") + 2);
				assertNotNull(standard);
				assertEquals("ornl.standard", standard.name());
				page.activate(editor);
				document.replace(0, 0, "// unsaved\n");
				CoreException unsaved = assertThrows(CoreException.class,
						() -> VseRename.change(standard, "ornl.normal", ExampleEditors.file("site/ornl.vse")));
				assertTrue(unsaved.getMessage().contains("climate.vse"), unsaved.getMessage());
			} finally {
				page.closeEditor(ornl, false);
			}
		} finally {
			editor.doRevertToSaved();
			page.closeEditor(editor, false);
		}
	}
}
