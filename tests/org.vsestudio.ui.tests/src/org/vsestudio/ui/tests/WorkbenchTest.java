package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.ExampleProjectInstaller;
import org.vsestudio.ui.VsePerspective;

/**
 * The VSE Studio product as a user first sees it: the workbench in the VSE perspective, and
 * the Project Explorer showing the example project of a fresh workspace.
 */
class WorkbenchTest {

    @Test
    void aFreshWorkspaceShowsTheExampleProject() throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
        Workbenches.waitFor(() -> project.exists() && project.getFile("climate.vse").exists(), 60_000);
        assertTrue(project.getFile("site/ornl.vse").exists());
        assertTrue(project.getFile("invalid/topology.vse").exists());
        assertTrue(project.getFile("model/hello.c").exists());

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        assertEquals(VsePerspective.ID, page.getPerspective().getId());
        assertNotNull(page.findView(IPageLayout.ID_PROBLEM_VIEW), "the Problems view is part of the VSE perspective");
        assertNotNull(page.findView(IConsoleConstants.ID_CONSOLE_VIEW), "the Console is part of the VSE perspective");

        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.getCommonViewer().expandToLevel(project, 1);
        Workbenches.waitFor(() -> labels(explorer.getCommonViewer().getTree().getItems()).contains(ExampleProjectInstaller.PROJECT_NAME), 10_000);
        TreeItem item = Arrays.stream(explorer.getCommonViewer().getTree().getItems())
                .filter(i -> i.getText().equals(ExampleProjectInstaller.PROJECT_NAME)).findFirst().orElseThrow();
        explorer.getCommonViewer().getTree().setSelection(item);
        Workbenches.waitFor(() -> labels(item.getItems()).contains("climate.vse"), 10_000);
        assertTrue(labels(item.getItems()).containsAll(List.of("invalid", "model", "site", "climate.vse", "README.md")),
                labels(item.getItems()).toString());

        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        assertTrue(shell.getText().contains("VSE Studio"), "window title: " + shell.getText());
        Path png = Workbenches.screenshot(shell, "workbench-example-project.png");
        assertTrue(Files.size(png) > 10_000, "the screenshot should show a whole workbench");
    }

    private static List<String> labels(TreeItem[] items) {
        return Arrays.stream(items).map(TreeItem::getText).toList();
    }
}
