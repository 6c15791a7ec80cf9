package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.Test;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.editor.VseOutlinePage;

/** The Outline of a {@code .vse} editor: its declarations, and selecting one reveals it. */
class OutlineTest {

	@Test
	void climateShowsItsDeclarationsAndGroups() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		try {
			page.showView(IPageLayout.ID_OUTLINE);
			page.activate(editor);
			IContentOutlinePage adapted = editor.getAdapter(IContentOutlinePage.class);
			VseOutlinePage outline = assertInstanceOf(VseOutlinePage.class, adapted);
			assertNotNull(outline.getControl(), "the Outline view shows the page");
			Workbenches.waitFor(() -> !outline.items().isEmpty(), 20_000);
			List<String> top = outline.items().stream().map(VseOutlinePage.Item::label).toList();
			assertEquals(List.of("mpi (packageset)", "python (packageset)", "devtools (packageset)",
					"climate.model (environment)", "climate.large (profile)", "climate.cluster (machines)"), top);
			VseOutlinePage.Item cluster = outline.items().get(5);
			assertEquals(List.of("head (group)", "compute (group)"),
					cluster.children().stream().map(VseOutlinePage.Item::label).toList());

			// the tree itself shows them
			Tree tree = (Tree) outline.getControl();
			Workbenches.waitFor(() -> tree.getItemCount() == 6, 10_000);
			TreeItem clusterItem = tree.getItem(5);
			assertEquals("climate.cluster (machines)", clusterItem.getText());
			assertEquals(2, clusterItem.getItemCount());
			assertEquals("head (group)", clusterItem.getItem(0).getText());
			assertEquals("compute (group)", clusterItem.getItem(1).getText());
			Workbenches.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "editor-outline.png");

			// selecting an item reveals its name
			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			outline.setSelection(new StructuredSelection(cluster.children().get(1)));
			ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
			assertEquals(document.get().indexOf("compute count"), selection.getOffset());
			assertEquals("compute", selection.getText());

			// it follows the text
			document.replace(document.get().indexOf("packageset python"), 0, "packageset extra { htop }\n");
			Workbenches.waitFor(() -> outline.items().size() == 7, 20_000);
			assertTrue(outline.items().get(1).label().equals("extra (packageset)"));
		} finally {
			editor.doRevertToSaved();
			page.closeEditor(editor, false);
		}
	}
}
