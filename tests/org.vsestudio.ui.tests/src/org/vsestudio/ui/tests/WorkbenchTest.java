package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;
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
        waitFor(() -> project.exists() && project.getFile("climate.vse").exists(), 60_000);
        assertTrue(project.getFile("site/ornl.vse").exists());
        assertTrue(project.getFile("invalid/topology.vse").exists());
        assertTrue(project.getFile("model/hello.c").exists());

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        assertEquals(VsePerspective.ID, page.getPerspective().getId());
        assertNotNull(page.findView(IPageLayout.ID_PROBLEM_VIEW), "the Problems view is part of the VSE perspective");
        assertNotNull(page.findView(IConsoleConstants.ID_CONSOLE_VIEW), "the Console is part of the VSE perspective");

        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.getCommonViewer().expandToLevel(project, 1);
        waitFor(() -> labels(explorer.getCommonViewer().getTree().getItems()).contains(ExampleProjectInstaller.PROJECT_NAME), 10_000);
        TreeItem item = Arrays.stream(explorer.getCommonViewer().getTree().getItems())
                .filter(i -> i.getText().equals(ExampleProjectInstaller.PROJECT_NAME)).findFirst().orElseThrow();
        explorer.getCommonViewer().getTree().setSelection(item);
        waitFor(() -> labels(item.getItems()).contains("climate.vse"), 10_000);
        assertTrue(labels(item.getItems()).containsAll(List.of("invalid", "model", "site", "climate.vse", "README.md")),
                labels(item.getItems()).toString());

        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        assertTrue(shell.getText().contains("VSE Studio"), "window title: " + shell.getText());
        Path png = screenshot(shell, "workbench-example-project.png");
        assertTrue(Files.size(png) > 10_000, "the screenshot should show a whole workbench");
    }

    private static List<String> labels(TreeItem[] items) {
        return Arrays.stream(items).map(TreeItem::getText).toList();
    }

    /** Waits for {@code condition} while the UI thread keeps painting. */
    static void waitFor(BooleanSupplier condition, long millis) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not reached within " + millis + " ms");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Saves a picture of {@code shell} under target/screenshots for a person to look at. */
    static Path screenshot(Shell shell, String name) throws Exception {
        waitFor(() -> false == Display.getCurrent().readAndDispatch(), 5_000);
        Display display = shell.getDisplay();
        Point size = shell.getSize();
        Image image = new Image(display, size.x, size.y);
        try {
            GC gc = new GC(display);
            try {
                gc.copyArea(image, shell.getLocation().x, shell.getLocation().y);
            } finally {
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Path dir = Path.of(System.getProperty("vse.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }
}
