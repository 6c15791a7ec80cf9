package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.RefactoringCore;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.vsestudio.tests.common.Workbenches;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vsestudio.ui.editor.VseReferences;
import org.vsestudio.ui.editor.VseRename;
import org.vsestudio.ui.editor.VseServices;

/** "Rename VSE Name": the declaration, its references and imports change together, and undo restores them. */
class RenameTest {

	private static final String LIB = "packageset rnlib.tools {\n    htop\n}\n";
	private static final String USER = "// wildcard\nimport rnlib.*\n\npackageset rnuser.app requires rnlib.tools {\n    gfortran\n}\n";
	private static final String EXACT = "import rnlib.tools\n\npackageset rnexact.app requires rnlib.tools {\n    make\n}\n";

	/** Alt+Shift+R in the editor: the dialog, its preview of every file, OK; imports follow the new name; undo. */
	@Test
	void renameThroughTheDialogWithPreviewUpdatesImports() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		IFolder folder = ExampleEditors.file("climate.vse").getProject().getFolder("rn");
		folder.create(true, true, null);
		IFile lib = create(folder.getFile("lib.vse"), LIB);
		IFile user = create(folder.getFile("user.vse"), USER);
		IFile exact = create(folder.getFile("exact.vse"), EXACT);
		ITextEditor editor = (ITextEditor) IDE.openEditor(page, lib);
		try {
			page.activate(editor);
			editor.selectAndReveal(LIB.indexOf("rnlib.tools") + 3, 0);
			Display display = Display.getCurrent();
			List<String> preview = new ArrayList<>();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			// the dialog is modal: a timer drives it step by step while the command waits for it
			long deadline = System.currentTimeMillis() + 60_000;
			int[] phase = { 0 };
			Runnable[] step = new Runnable[1];
			step[0] = () -> {
				Shell dialog = Widgets.shell("Rename VSE Name");
				try {
					if (System.currentTimeMillis() > deadline) {
						throw new AssertionError("the dialog did not reach step " + phase[0]);
					}
					if (dialog != null) {
						switch (phase[0]) {
						case 0 -> {
							Text name = Widgets.all(dialog, Text.class).get(0);
							assertEquals("rnlib.tools", name.getText());
							name.setText("rnlib tools");
							phase[0] = 1;
						}
						case 1 -> {
							assertFalse(Widgets.button(dialog, "OK").isEnabled(), "a name with a space is refused");
							Widgets.all(dialog, Text.class).get(0).setText("rnnew.tools");
							Button previewButton = Widgets.button(dialog, "Preview");
							assertNotNull(previewButton, "the dialog has a Preview button");
							Widgets.press(previewButton);
							phase[0] = 2;
						}
						case 2 -> {
							Tree tree = Widgets.all(dialog, Tree.class).stream().filter(t -> t.isVisible() && t.getItemCount() > 0).findFirst()
									.orElse(null);
							if (tree != null) {
								for (TreeItem item : tree.getItems()) {
									item.setExpanded(true);
								}
								preview.addAll(Widgets.texts(tree.getItems(), ""));
								phase[0] = 3;
							}
						}
						case 3 -> {
							Workbenches.screenshot(dialog, "rename-preview.png");
							Widgets.press(Widgets.button(dialog, "OK"));
							phase[0] = 4;
						}
						default -> {
						}
						}
					}
					if (phase[0] < 4) {
						display.timerExec(100, step[0]);
					}
				} catch (Throwable t) {
					failure.set(t);
					if (dialog != null && !dialog.isDisposed()) {
						dialog.close();
					}
				}
			};
			display.timerExec(100, step[0]);
			IHandlerService handlers = editor.getSite().getService(IHandlerService.class);
			handlers.executeCommand("org.vsestudio.ui.editor.rename", null);
			if (failure.get() != null) {
				throw new AssertionError("driving the dialog: " + failure.get(), failure.get());
			}
			System.out.println("[RenameTest] preview: " + preview);
			String all = String.join("\n", preview);
			assertTrue(all.contains("lib.vse") && all.contains("user.vse") && all.contains("exact.vse"), all);

			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			assertEquals(LIB.replace("rnlib.tools", "rnnew.tools"), document.get());
			assertTrue(editor.isDirty(), "the open file changes in its editor");
			assertEquals("// wildcard\nimport rnlib.*\nimport rnnew.tools\n\npackageset rnuser.app requires rnnew.tools {\n    gfortran\n}\n",
					contents(user), "a wildcard import that no longer covers the name gets the new name imported");
			assertEquals(EXACT.replace("rnlib.tools", "rnnew.tools"), contents(exact), "an import of the name follows it");

			// Edit > Undo of the refactoring restores every file
			// (the workbench asks, as for any refactoring, whether to undo a change beyond this editor: OK)
			Widgets.pressLater("Discard Undo", "OK", 20_000);
			RefactoringCore.getUndoManager().performUndo(null, new NullProgressMonitor());
			assertEquals(LIB, document.get());
			assertEquals(USER, contents(user));
			assertEquals(EXACT, contents(exact));

			// a new name under the same wildcard: no import is added
			VseReferences.Found found = VseReferences.find(VseServices.session(document), document.get(), LIB.indexOf("rnlib.tools") + 1);
			Change undo = VseRename.perform(VseRename.change(found, "rnlib.kit", lib), new NullProgressMonitor());
			assertEquals(USER.replace("rnlib.tools", "rnlib.kit"), contents(user));
			assertEquals(EXACT.replace("rnlib.tools", "rnlib.kit"), contents(exact));
			VseRename.perform(undo, new NullProgressMonitor());
			assertEquals(USER, contents(user));
		} finally {
			editor.doRevertToSaved();
			page.closeEditor(editor, false);
			folder.delete(true, null);
		}
	}

	private static IFile create(IFile file, String text) throws CoreException {
		file.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, null);
		return file;
	}

	private static String contents(IFile file) throws Exception {
		try (var in = file.getContents(true)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

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
