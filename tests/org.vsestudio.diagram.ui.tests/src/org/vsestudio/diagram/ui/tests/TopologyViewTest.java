package org.vsestudio.diagram.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vsestudio.diagram.ui.TopologyView;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.ExampleProjectInstaller;

/**
 * The Topology view draws the machine set of the open climate example in the SWT Browser
 * (WebKitGTK), and redraws it as the user adds a group.
 */
class TopologyViewTest {

    private static Number count(TopologyView view, String selector) {
        Object n = view.evaluate("return document.querySelectorAll('" + selector + "').length;");
        return n instanceof Number number ? number : -1;
    }

    @Test
    void drawsTheClimateClusterAndFollowsEdits() throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
        Workbenches.waitFor(() -> project.getFile("climate.vse").exists(), 60_000);
        IFile file = project.getFile("climate.vse");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IEditorPart editor = IDE.openEditor(page, file);
        TopologyView view = (TopologyView) page.showView(TopologyView.ID);
        page.activate(editor);

        Workbenches.waitFor(() -> view.currentPage().contains("climate.cluster"), 10_000);
        Workbenches.waitFor(() -> count(view, "g.group").intValue() == 2, 20_000);
        assertEquals(1, count(view, "line.uses").intValue(), "compute uses head: one arrow");
        assertTrue(view.currentPage().contains("compute  ·  64 nodes"), view.currentPage());
        assertTrue(view.currentPage().contains("virtual · high protection"), view.currentPage());

        IDocument document = ((ITextEditor) editor).getDocumentProvider().getDocument(editor.getEditorInput());
        int at = document.get().indexOf("    compute uses head");
        document.replace(at, 0, "    group io nodes io[01-04] runs climate.model\n    io uses head\n");
        Workbenches.waitFor(() -> count(view, "g.group").intValue() == 3, 20_000);
        assertTrue(view.currentPage().contains("io[01-04] (4 nodes)"), view.currentPage());
        assertEquals(2, count(view, "line.uses").intValue());

        Path png = Workbenches.screenshot(page.getWorkbenchWindow().getShell(), "topology-view.png");
        assertTrue(Files.size(png) > 10_000);
        ((ITextEditor) editor).doRevertToSaved();
        page.closeAllEditors(false);
    }
}
