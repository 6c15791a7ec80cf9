package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.commands.Command;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsestudio.image.ImageBuildException;
import org.vsestudio.image.LayerCache;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.ExampleProjectInstaller;
import org.vsestudio.ui.build.BuildImageHandler;
import org.vsestudio.ui.build.ImageBuildConsole;
import org.vsestudio.ui.build.ImageBuildJob;
import org.vsestudio.ui.build.ImageBuildSettings;

/**
 * Build Image as a user meets it, without a real image build (the command line's tests make
 * real images; here the builder fails fast or stands in): the command is there for a .vse
 * file, a file with errors is refused, cancelling stops the build, and the console shows the
 * build's tasks, the failing step's line and the builder's one-sentence message.
 */
class BuildImageTest {

    private IProject examples;
    private IFolder folder;
    private Path cache;

    @BeforeEach
    void exampleProject() throws Exception {
        examples = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
        Workbenches.waitFor(() -> examples.exists() && examples.getFile("climate.vse").exists(), 60_000);
        Job.getJobManager().join(ExampleProjectInstaller.FAMILY, null);
        folder = examples.getFolder("image-test");
        if (!folder.exists()) {
            folder.create(true, true, null);
        }
        cache = Files.createTempDirectory("vse-image-cache");
    }

    @AfterEach
    void cleanUp() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (Shell s : Display.getCurrent().getShells()) {
            if (ImageBuildJob.TITLE.equals(s.getText())) {
                s.close();
            }
        }
        folder.delete(true, null);
        try (var files = Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private IFile write(String name, String text) throws Exception {
        IFile file = folder.getFile(name);
        file.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        return file;
    }

    private static String consoleText(String environment) {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof ImageBuildConsole console && console.getName().equals("VSE Image Build \u2014 " + environment)) {
                return console.getDocument().get();
            }
        }
        return null;
    }

    /** Waits until the environment's console shows {@code text} (a console's document is written asynchronously). */
    private static void awaitConsole(String environment, String text) {
        try {
            Workbenches.waitFor(() -> consoleText(environment) != null && consoleText(environment).contains(text), 10_000);
        } catch (AssertionError e) {
            throw new AssertionError("the console of " + environment + " does not show '" + text + "':\n" + consoleText(environment), e);
        }
    }

    private static void finish(Job job) {
        Workbenches.waitFor(() -> job.getState() == Job.NONE && job.getResult() != null, 120_000);
        Workbenches.settle(300);
    }

    private static Shell dialog() {
        return Arrays.stream(Display.getCurrent().getShells()).filter(s -> ImageBuildJob.TITLE.equals(s.getText()) && s.isVisible())
                .findFirst().orElse(null);
    }

    @Test
    void theCommandIsContributedAndEnabledForAVseFile() throws Exception {
        IFile file = write("tiny.vse", "environment image.tiny extends ornl.base {\n    run \"true\"\n}\n");
        Command command = PlatformUI.getWorkbench().getService(ICommandService.class).getCommand(BuildImageHandler.COMMAND);
        assertTrue(command.isDefined(), "Build Image is a command");
        assertEquals("Build Image", command.getName());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IDE.openEditor(page, file);
        Workbenches.waitFor(() -> command.isHandled() && command.isEnabled(), 10_000);
        assertEquals(List.of("image.tiny"), BuildImageHandler.environments(file));
        assertEquals(List.of("climate.model"), BuildImageHandler.environments(examples.getFile("climate.vse")));
    }

    @Test
    void theCommandIsInTheProjectExplorersContextMenuAndTheVseMenu() throws Exception {
        IFile file = write("tiny.vse", "environment image.tiny extends ornl.base {\n    run \"true\"\n}\n");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(file));
        Workbenches.settle(300);
        Tree tree = explorer.getCommonViewer().getTree();
        assertEquals(List.of("Build Image"), labels(tree.getMenu()).stream().filter("Build Image"::equals).toList(),
                "the context menu of a .vse file has Build Image: " + labels(tree.getMenu()));
        explorer.selectReveal(new StructuredSelection(folder));
        Workbenches.settle(300);
        assertFalse(labels(tree.getMenu()).contains("Build Image"), "not for a folder");

        Menu bar = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        MenuItem vse = Arrays.stream(bar.getItems()).filter(i -> i.getText().replace("&", "").equals("VSE")).findFirst().orElseThrow();
        assertTrue(labels(vse.getMenu()).contains("Build Image"), labels(vse.getMenu()).toString());
        List<String> tips = new java.util.ArrayList<>();
        toolTips(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), tips);
        assertTrue(tips.contains("Build Image of the .vse file"), "the main toolbar has Build Image: " + tips);
    }

    private static void toolTips(org.eclipse.swt.widgets.Control control, List<String> tips) {
        if (control instanceof org.eclipse.swt.widgets.ToolBar bar) {
            for (org.eclipse.swt.widgets.ToolItem item : bar.getItems()) {
                tips.add(item.getToolTipText());
            }
        }
        if (control instanceof org.eclipse.swt.widgets.Composite c) {
            for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
                toolTips(child, tips);
            }
        }
    }

    /** @return the labels of {@code menu}'s items as the user sees them when it opens */
    private static List<String> labels(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> labels = Arrays.stream(menu.getItems()).map(i -> i.getText().replace("&", "").replaceAll("\t.*", "")).toList();
        menu.notifyListeners(SWT.Hide, new Event());
        return labels;
    }

    @Test
    void theProjectBuilderSchedulesImageBuildsOnlyWhenTheProjectSaysSo() throws Exception {
        IFile file = write("tiny.vse", "environment image.tiny extends ornl.base {\n    run \"true\"\n}\n");
        assertFalse(ImageBuildSettings.buildsImages(examples), "off by default");
        Job.getJobManager().suspend();
        try {
            examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
            assertEquals(0, Job.getJobManager().find(ImageBuildJob.FAMILY).length, "no image build while the setting is off");
            ImageBuildSettings.setBuildsImages(examples, true);
            examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
            Job[] scheduled = Job.getJobManager().find(ImageBuildJob.FAMILY);
            assertTrue(Arrays.stream(scheduled).anyMatch(j -> ((ImageBuildJob) j).builds(file, "image.tiny")),
                    "the valid file's environment gets an image build: " + Arrays.toString(scheduled));
            assertFalse(Arrays.stream(scheduled).anyMatch(j -> ((ImageBuildJob) j).builds(examples.getFile("invalid/reserved.vse"),
                    "sneaky.env")), "a file with errors does not");
        } finally {
            for (Job j : Job.getJobManager().find(ImageBuildJob.FAMILY)) {
                j.cancel();
            }
            ImageBuildSettings.setBuildsImages(examples, false);
            Job.getJobManager().resume();
        }
    }

    @Test
    void aFileWithErrorsIsRefusedWithTheMessage() throws Exception {
        IFile file = write("broken.vse", "environment image.broken extends ornl.nosuch {\n    run \"true\"\n}\n");
        ImageBuildJob job = new ImageBuildJob(file, "image.broken", new LayerCache(cache), (r, o, p) -> {
            throw new AssertionError("a file with errors is not built");
        });
        job.schedule();
        finish(job);
        assertEquals(IStatus.ERROR, job.getResult().getSeverity());
        String message = job.getResult().getMessage();
        assertTrue(message.startsWith("broken.vse has 1 error; nothing is built."), message);
        Workbenches.waitFor(() -> dialog() != null, 10_000);
        assertTrue(Arrays.stream(dialog().getChildren()).count() > 0);
        awaitConsole("image.broken", "Build Image: broken.vse has 1 error");
        String console = consoleText("image.broken");
        assertNotNull(console, "the environment's console is there");
        assertTrue(console.contains("broken.vse:1: error:"), console);
        assertTrue(console.contains("nothing is built"), console);
        assertFalse(Files.exists(ImageBuildJob.out(file, "image.broken")), "nothing is built");
        dialog().close();

        // the same through the command, from the file's editor
        IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
        Workbenches.settle(200);
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(BuildImageHandler.COMMAND, null);
        Workbenches.waitFor(() -> dialog() != null, 60_000);
        Job.getJobManager().join(ImageBuildJob.FAMILY, null);
        // the console's document is written asynchronously
        Workbenches.waitFor(() -> consoleText("image.broken").contains("Build Image: broken.vse has 1 error; nothing is built."), 10_000);
    }

    @Test
    void cancellingStopsTheBuild() throws Exception {
        IFile file = write("tiny.vse", "environment image.tiny extends ornl.base {\n    run \"true\"\n}\n");
        CountDownLatch building = new CountDownLatch(1);
        ImageBuildJob job = new ImageBuildJob(file, "image.tiny", new LayerCache(cache), (r, o, p) -> {
            p.task("Installing " + r.lock().packages().size() + " packages with mmdebstrap");
            p.output("I: running apt-get update...");
            building.countDown();
            while (true) {
                p.checkCanceled();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        job.schedule();
        Workbenches.waitFor(() -> building.getCount() == 0 || job.getState() == Job.NONE, 120_000);
        assertTrue(building.await(0, TimeUnit.SECONDS), "the build started: " + job.getResult() + "\n" + consoleText("image.tiny"));
        job.cancel();
        finish(job);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        awaitConsole("image.tiny", "Canceled; nothing was kept.");
        String console = consoleText("image.tiny");
        assertTrue(console.contains("==> Installing"), console);
        assertTrue(console.contains("    I: running apt-get update..."), console);
        assertTrue(console.contains("Canceled; nothing was kept."), console);
        assertTrue(folder.getFile("image.tiny.vse.lock").exists(), "the lock is written as vse build writes it, and in the workspace");
    }

    @Test
    void aFailingStepIsMarkedAtItsLineAndTheConsoleShowsTheBuild() throws Exception {
        IFile file = write("failing.vse", "// an environment whose last step fails\nenvironment image.failing extends ornl.base {\n"
                + "    run \"true\"\n    run \"nosuchcommand --now\"\n}\n");
        ImageBuildJob job = new ImageBuildJob(file, "image.failing", new LayerCache(cache), (r, o, p) -> {
            p.task("Installing " + r.lock().packages().size() + " packages with mmdebstrap");
            p.task("Step 1 of 2 (failing.vse:3): run true");
            p.task("Step 2 of 2 (failing.vse:4): run nosuchcommand --now");
            p.output("/bin/sh: 1: nosuchcommand: not found");
            throw new ImageBuildException("Step 2 of 2 (failing.vse:4) failed with exit code 127: run nosuchcommand --now.", "failing.vse:4",
                    List.of("/bin/sh: 1: nosuchcommand: not found"));
        });
        job.schedule();
        finish(job);
        assertEquals(IStatus.ERROR, job.getResult().getSeverity());
        assertTrue(job.getResult().getMessage().contains("exit code 127"), job.getResult().getMessage());
        IMarker[] markers = file.findMarkers(ImageBuildJob.MARKER, false, IResource.DEPTH_ZERO);
        assertEquals(1, markers.length, "the failing step is marked");
        assertEquals(4, markers[0].getAttribute(IMarker.LINE_NUMBER, -1));
        awaitConsole("image.failing", "Build Image: Step 2 of 2");
        String console = consoleText("image.failing");
        assertTrue(console.contains("==> Step 2 of 2 (failing.vse:4)"), console);
        assertTrue(console.contains("The failing step is at failing.vse:4."), console);
        Workbenches.waitFor(() -> dialog() != null, 10_000);
        dialog().close();
        IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(
                Arrays.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles()).filter(ImageBuildConsole.class::isInstance)
                        .filter(c -> c.getName().endsWith("image.failing")).findFirst().orElseThrow());
        Workbenches.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "build-image-console.png");
    }

    @Test
    void theBuildersRootMessageIsShown() throws Exception {
        IFile file = write("tiny.vse", "environment image.tiny extends ornl.base {\n    run \"true\"\n}\n");
        ImageBuildJob job = new ImageBuildJob(file, "image.tiny", new LayerCache(cache), (r, o, p) -> {
            throw new ImageBuildException("Building images needs root for now (mmdebstrap installs the packages as root, "
                    + "and the image keeps their owners); run the build with sudo.");
        });
        job.schedule();
        finish(job);
        assertTrue(job.getResult().getMessage().startsWith("Building images needs root"), job.getResult().getMessage());
        Workbenches.waitFor(() -> dialog() != null, 10_000);
        awaitConsole("image.tiny", "Build Image: Building images needs root");
    }
}
