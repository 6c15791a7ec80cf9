package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.search.ui.ISearchResultViewPart;
import org.eclipse.search.ui.NewSearchUI;
import org.eclipse.search.ui.text.AbstractTextSearchResult;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.editor.VseReferenceSearchPage;
import org.eclipse.search.ui.text.Match;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vsestudio.ui.editor.VseReferenceSearch;
import org.vsestudio.ui.editor.VseReferences;
import org.vsestudio.ui.editor.VseServices;

/** "References in Project": the references to a declaration across the project's files. */
class ReferencesTest {

	@Test
	void referencesToOrnlBaseFromClimate() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		try {
			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			String text = document.get();
			int at = text.indexOf("ornl.base") + 5;
			VseReferences.Found found = VseReferences.find(VseServices.session(document), text, at);
			assertNotNull(found, "ornl.base is referenced at the caret");
			assertEquals("ornl.base", found.name());
			assertTrue(found.declaration().uri().lastSegment().equals("ornl.vse"), found.declaration().toString());
			System.out.println("[ReferencesTest] " + found);
			VseReferences.Occurrence inClimate = found.references().stream()
					.filter(o -> o.uri().lastSegment().equals("climate.vse")).findFirst().orElseThrow();
			assertEquals(23, inClimate.line());
			assertEquals(text.indexOf("ornl.base"), inClimate.offset());
			assertEquals("ornl.base".length(), inClimate.length());

			// from the declaration itself, the same references
			IFile ornl = ExampleEditors.file("site/ornl.vse");
			if (ornl.exists()) {
				ITextEditor ornlEditor = (ITextEditor) IDE.openEditor(page, ornl);
				try {
					IDocument ornlDocument = ornlEditor.getDocumentProvider().getDocument(ornlEditor.getEditorInput());
					VseReferences.Found fromDeclaration = VseReferences.find(VseServices.session(ornlDocument),
							ornlDocument.get(), found.declaration().offset());
					assertNotNull(fromDeclaration);
					assertEquals("ornl.base", fromDeclaration.name());
					assertTrue(fromDeclaration.references().stream().anyMatch(o -> o.uri().lastSegment().equals("climate.vse")
							&& o.line() == 23), fromDeclaration.toString());
				} finally {
					page.closeEditor(ornlEditor, false);
				}
			}

			// the Search view's result: a match in climate.vse at the reference
			VseReferenceSearch query = new VseReferenceSearch(found);
			query.run(new NullProgressMonitor());
			AbstractTextSearchResult result = (AbstractTextSearchResult) query.getSearchResult();
			List<Match> matches = Arrays.asList(result.getMatches(ExampleEditors.file("climate.vse")));
			assertEquals(1, matches.size());
			assertEquals(text.indexOf("ornl.base"), matches.get(0).getOffset());
		} finally {
			page.closeEditor(editor, false);
		}
	}

	/** Ctrl+Shift+G: the Search view lists each reference by its line under its file; opening a line opens the file there. */
	@Test
	void theSearchViewListsReferencesByLine() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		try {
			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			String text = document.get();
			page.activate(editor);
			editor.selectAndReveal(text.indexOf("profile climate.large") + "profile climate".length(), 0);
			editor.getSite().getService(IHandlerService.class).executeCommand("org.vsestudio.ui.editor.references", null);

			Tree[] tree = new Tree[1];
			Workbenches.waitFor(() -> {
				ISearchResultViewPart view = NewSearchUI.getSearchResultView();
				if (view == null || !(view.getActivePage() instanceof VseReferenceSearchPage searchPage)
						|| !searchPage.getLabel().contains("climate.large")) {
					return false;
				}
				List<Tree> trees = Widgets.all((Composite) searchPage.getControl(), Tree.class);
				if (trees.isEmpty() || trees.get(0).getItemCount() == 0 || trees.get(0).getItem(0).getItemCount() == 0) {
					return false;
				}
				tree[0] = trees.get(0);
				return true;
			}, 30_000);
			ISearchResultViewPart view = NewSearchUI.getSearchResultView();
			String label = view.getActivePage().getLabel();
			List<String> rows = Widgets.texts(tree[0].getItems(), "");
			System.out.println("[ReferencesTest] " + label + ": " + rows);
			assertTrue(label.contains("'climate.large' - 1 reference in the project"), label);
			int line = document.getLineOfOffset(text.indexOf("profile climate.large\n")) + 1;
			String lineText = document.get(document.getLineOffset(line - 1), document.getLineLength(line - 1)).strip();
			assertEquals(List.of("climate.vse - vse-examples (1 reference)", "  " + line + ": " + lineText), rows);
			Workbenches.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "references-search-view.png");

			// a declaration referenced from several files: each file, each line
			editor.selectAndReveal(text.indexOf("ornl.base") + 2, 0);
			page.activate(editor);
			editor.getSite().getService(IHandlerService.class).executeCommand("org.vsestudio.ui.editor.references", null);
			Workbenches.waitFor(() -> NewSearchUI.getSearchResultView().getActivePage().getLabel().contains("ornl.base")
					&& Widgets.all((Composite) NewSearchUI.getSearchResultView().getActivePage().getControl(), Tree.class).get(0).getItemCount() > 1,
					30_000);
			Tree ornl = Widgets.all((Composite) NewSearchUI.getSearchResultView().getActivePage().getControl(), Tree.class).get(0);
			List<String> ornlRows = Widgets.texts(ornl.getItems(), "");
			System.out.println("[ReferencesTest] " + NewSearchUI.getSearchResultView().getActivePage().getLabel() + ": " + ornlRows);
			assertTrue(ornlRows.contains("climate.vse - vse-examples (1 reference)"), ornlRows.toString());
			assertTrue(ornlRows.contains("  23: environment climate.model extends ornl.base {"), ornlRows.toString());
			assertTrue(ornlRows.stream().anyMatch(r -> r.startsWith("topology.vse - vse-examples/invalid (2 references)")), ornlRows.toString());
			assertTrue(ornlRows.stream().anyMatch(r -> r.startsWith("  13: group b nodes n[003-008] runs ornl.base")), ornlRows.toString());
			Workbenches.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "references-search-view-lines.png");

			// opening a line (double-click) opens its file at the reference
			TreeItem topology = Arrays.stream(ornl.getItems()).filter(i -> i.getText().startsWith("topology.vse")).findFirst().orElseThrow();
			TreeItem line13 = Arrays.stream(topology.getItems()).filter(i -> i.getText().startsWith("13:")).findFirst().orElseThrow();
			ornl.setSelection(line13);
			Event open = new Event();
			open.item = line13;
			ornl.notifyListeners(SWT.Selection, open);
			ornl.notifyListeners(SWT.DefaultSelection, open);
			Workbenches.waitFor(() -> page.getActiveEditor() != null && "topology.vse".equals(page.getActiveEditor().getEditorInput().getName()), 10_000);
			ITextEditor opened = (ITextEditor) page.getActiveEditor();
			try {
				IDocument topologyDocument = opened.getDocumentProvider().getDocument(opened.getEditorInput());
				ITextSelection at = (ITextSelection) opened.getSelectionProvider().getSelection();
				assertEquals(12, topologyDocument.getLineOfOffset(at.getOffset()), "the selection is on line 13");
				assertEquals("ornl.base", at.getText());
			} finally {
				page.closeEditor(opened, false);
			}
		} finally {
			page.closeEditor(editor, false);
		}
	}
}
