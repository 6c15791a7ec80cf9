package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.ExampleProjectInstaller;
import org.vsestudio.ui.project.NewVseProjectWizard;
import org.vsestudio.ui.project.VseBuilder;
import org.vsestudio.ui.project.VseNature;
import org.vsestudio.ui.project.VsePreferencePage;
import org.vsestudio.ui.project.VsePreferences;
import org.vsestudio.packages.LockFile;
import org.vsestudio.ui.project.VseTemplate;

/**
 * The VSE builder as a user meets it: the example project's Problems view, a mistake marked
 * at its line and gone when fixed (also in a file that extends the changed one), and the
 * projects the New VSE Project wizard makes.
 */
class ProjectBuilderTest {

    private static final Pattern EXPECT = Pattern.compile("^// expect-error (\\d+) \"([^\"]*)\"", Pattern.MULTILINE);

    private final List<IProject> created = new ArrayList<>();
    private IProject examples;

    @BeforeEach
    void exampleProject() throws Exception {
        examples = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
        Workbenches.waitFor(() -> examples.exists() && examples.getFile("climate.vse").exists(), 60_000);
        Job.getJobManager().join(ExampleProjectInstaller.FAMILY, null);
        waitForBuild();
    }

    @AfterEach
    void cleanUp() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        for (IProject project : created) {
            project.delete(true, true, null);
        }
    }

    @Test
    void theExampleProjectIsMarkedWhereItsFilesExpectErrors() throws Exception {
        assertTrue(examples.hasNature(VseNature.ID), "the example project is a VSE project");
        long start = System.nanoTime();
        examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("ProjectBuilderTest: full build of " + examples.getName() + " (" + vseFiles(examples).size()
                + " .vse files): " + millis + " ms");
        start = System.nanoTime();
        examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
        System.out.println("ProjectBuilderTest: second full build: " + (System.nanoTime() - start) / 1_000_000 + " ms");

        assertEquals(List.of(), errors(examples.getFile("climate.vse")), "climate.vse is valid");
        assertEquals(List.of(), errors(examples.getFile("site/ornl.vse")), "site/ornl.vse is valid");

        List<String> missing = new ArrayList<>();
        int expectations = 0;
        for (IFile file : vseFiles(examples)) {
            if (!file.getProjectRelativePath().toString().startsWith("invalid/")) {
                continue;
            }
            String text = new String(file.getContents().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = EXPECT.matcher(text);
            List<IMarker> errors = errors(file);
            while (m.find()) {
                expectations++;
                int line = Integer.parseInt(m.group(1));
                String words = m.group(2).toLowerCase();
                boolean marked = errors.stream().anyMatch(e -> e.getAttribute(IMarker.LINE_NUMBER, -1) == line
                        && e.getAttribute(IMarker.MESSAGE, "").toLowerCase().contains(words));
                if (!marked) {
                    missing.add(file.getProjectRelativePath() + ":" + line + " \"" + words + "\" (markers: " + describe(errors) + ")");
                }
            }
            for (IMarker error : errors) {
                assertTrue(error.getAttribute(IMarker.CHAR_END, -1) >= error.getAttribute(IMarker.CHAR_START, 0), describe(errors));
                assertTrue(error.getAttribute(VseBuilder.CODE, "").startsWith("vse."), "issue code of " + describe(List.of(error)));
            }
        }
        assertTrue(expectations >= 10, "the invalid examples expect errors");
        assertEquals(List.of(), missing, "every '// expect-error LINE' line has its error marker");

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IDE.openEditor(page, examples.getFile("invalid/topology.vse"));
        showProblems();
        Workbenches.screenshot(shell(), "builder-example-problems.png");
    }

    @Test
    void aMistakeIsMarkedAtItsLineAndTheFixClearsIt() throws Exception {
        IFile climate = examples.getFile("climate.vse");
        String original = contents(climate);
        try {
            String broken = original.replace("runs climate.model  profile climate.large", "runs climate.modell  profile climate.large");
            assertFalse(broken.equals(original));
            int line = lineOf(broken, "climate.modell");
            climate.setContents(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
            Workbenches.waitFor(() -> errorLines(climate).contains(line), 60_000);
            assertTrue(errors(climate).stream().anyMatch(e -> e.getAttribute(IMarker.MESSAGE, "").contains("climate.modell")),
                    describe(errors(climate)));
            IDE.gotoMarker(IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), climate),
                    errors(climate).get(0));
            showProblems();
            Workbenches.screenshot(shell(), "builder-mistake-marked.png");
        } finally {
            climate.setContents(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        }
        Workbenches.waitFor(() -> errorLines(climate).isEmpty(), 60_000);
    }

    @Test
    void aChangeToABaseMarksTheFilesThatExtendIt() throws Exception {
        IFile base = examples.getFile("site/ornl.vse");
        IFile climate = examples.getFile("climate.vse");
        String original = contents(base);
        try {
            String renamed = original.replace("profile ornl.standard {", "profile ornl.small {");
            assertFalse(renamed.equals(original));
            int line = lineOf(contents(climate), "extends ornl.standard");
            base.setContents(new ByteArrayInputStream(renamed.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
            Workbenches.waitFor(() -> errorLines(climate).contains(line), 60_000);
        } finally {
            base.setContents(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        }
        Workbenches.waitFor(() -> errorLines(climate).isEmpty(), 60_000);
    }

    @Test
    void deletingAFileRemovesItsMarkers() throws Exception {
        IFile copy = examples.getFile("invalid/copy-of-reserved.vse");
        String text = contents(examples.getFile("invalid/reserved.vse")).replace("sneaky.env", "sneaky.copy");
        copy.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        try {
            Workbenches.waitFor(() -> errorLines(copy).containsAll(List.of(8, 9)), 60_000);
        } finally {
            copy.delete(true, null);
        }
        waitForBuild();
        assertEquals(List.of(), Arrays.stream(examples.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getResource().getName().equals("copy-of-reserved.vse")).toList(), "the deleted file's markers are gone");
    }

    @Test
    void theIndexCacheIsWherePreferencesSayAndAColdBuildIsTimed() throws Exception {
        java.nio.file.Path cache = java.nio.file.Files.createTempDirectory("vse-index-cache");
        try {
            VsePreferences.instance().put(VsePreferences.INDEX_CACHE, cache.toString());
            long start = System.nanoTime();
            examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
            System.out.println("ProjectBuilderTest: full build of " + examples.getName() + " with an empty index cache: "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            try (var files = java.nio.file.Files.list(cache)) {
                assertTrue(files.findAny().isPresent(), "the index is cached in the preference's folder " + cache);
            }
            assertEquals(List.of(), errors(examples.getFile("climate.vse")));
        } finally {
            VsePreferences.instance().remove(VsePreferences.INDEX_CACHE);
            try (var walk = java.nio.file.Files.walk(cache)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void theMirrorOfThePreferencesStandsInForTheHostsRepositories() throws Exception {
        IFile base = examples.getFile("site/ornl.vse");
        int line = lineOf(contents(base), "repositories from host");
        try {
            VsePreferences.instance().putBoolean(VsePreferences.MIRROR_ENABLED, true);
            VsePreferences.instance().put(VsePreferences.MIRROR_URL, "ftp://mirror.invalid/debian");
            examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
            IMarker[] markers = base.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_ZERO);
            assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) == line
                    && m.getAttribute(IMarker.MESSAGE, "").contains("ftp://mirror.invalid/debian")),
                    "the mirror is what the index is read from: " + describe(Arrays.asList(markers)));
        } finally {
            VsePreferences.instance().remove(VsePreferences.MIRROR_ENABLED);
            VsePreferences.instance().remove(VsePreferences.MIRROR_URL);
        }
        examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertEquals(List.of(), errors(base));
    }

    @Test
    void aCancelledBuildKeepsTheMarkers() throws Exception {
        int before = examples.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE).length;
        assertTrue(before > 0);
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> examples.build(IncrementalProjectBuilder.FULL_BUILD, cancelled));
        assertEquals(before, examples.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE).length);
    }

    @Test
    void anExistingStaleLockIsWrittenAgainAndNoneIsCreated() throws Exception {
        IFile lock = examples.getFile("climate.model.vse.lock");
        lock.create(new ByteArrayInputStream("stale\n".getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        try {
            examples.build(IncrementalProjectBuilder.FULL_BUILD, null);
            String text = contents(lock);
            LockFile locked = LockFile.parse(text, lock.getName());
            assertTrue(locked.packages().stream().anyMatch(p -> p.name().equals("openmpi-bin")), text);
            assertFalse(examples.getFile("ornl.base.vse.lock").exists(), "no lock is created unasked");
            assertFalse(examples.getFile("site/ornl.base.vse.lock").exists(), "no lock is created unasked");
        } finally {
            lock.delete(true, null);
        }
    }

    @Test
    void thePreferencePageShowsTheSettings() throws Exception {
        assertEquals("qemu:///session", VsePreferences.hypervisorUri());
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell(), "org.vsestudio.ui.preferences", null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Workbenches.settle(1000);
            Workbenches.screenshot(dialog.getShell(), "builder-preferences.png");
            assertTrue(dialog.getSelectedPage() instanceof VsePreferencePage, String.valueOf(dialog.getSelectedPage()));
        } finally {
            dialog.close();
        }
    }

    @Test
    void theWizardMakesValidProjectsFromEachTemplate() throws Exception {
        Map<VseTemplate, List<String>> expected = new TreeMap<>(Map.of(VseTemplate.APPLICATION, List.of("app.vse", "site/base.vse"),
                VseTemplate.SITE_BASE, List.of("site.vse"), VseTemplate.MPI, List.of("mpi.vse")));
        for (Map.Entry<VseTemplate, List<String>> entry : expected.entrySet()) {
            VseTemplate template = entry.getKey();
            String name = "wizard-" + template.name().toLowerCase().replace('_', '-');
            NewVseProjectWizard wizard = new NewVseProjectWizard();
            wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
            WizardDialog dialog = new WizardDialog(shell(), wizard);
            dialog.create();
            try {
                wizard.page().setProjectName(name);
                wizard.page().setTemplate(template);
                assertTrue(wizard.canFinish(), "the page is complete");
                if (template == VseTemplate.APPLICATION) {
                    dialog.setBlockOnOpen(false);
                    dialog.open();
                    Workbenches.settle(1000);
                    Workbenches.screenshot(dialog.getShell(), "builder-new-project-wizard.png");
                }
                assertTrue(wizard.performFinish());
            } finally {
                dialog.close();
            }
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
            created.add(project);
            assertTrue(project.exists() && project.hasNature(VseNature.ID), name + " is a VSE project");
            List<String> files = vseFiles(project).stream().map(f -> f.getProjectRelativePath().toString()).sorted().toList();
            assertEquals(entry.getValue(), files);
            waitForBuild();
            project.build(IncrementalProjectBuilder.FULL_BUILD, null);
            for (IFile file : vseFiles(project)) {
                assertEquals("", describe(errors(file)), name + "/" + file.getProjectRelativePath() + " is valid");
            }
        }
        Workbenches.screenshot(shell(), "builder-wizard-projects.png");
        assertFalse(new NewVseProjectWizardProbe().completeWith("wizard-application"), "a project's name is taken once");
    }

    /** The wizard's page refuses a name in use. */
    private static final class NewVseProjectWizardProbe {
        boolean completeWith(String name) {
            NewVseProjectWizard wizard = new NewVseProjectWizard();
            WizardDialog dialog = new WizardDialog(shell(), wizard);
            dialog.create();
            try {
                wizard.page().setProjectName(name);
                return wizard.canFinish();
            } finally {
                dialog.close();
            }
        }
    }

    /** Shows the Problems view with its error group open, as a user who clicks it sees it. */
    private static void showProblems() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(IPageLayout.ID_PROBLEM_VIEW);
        Workbenches.settle(1500);
        for (Tree tree : trees(shell())) {
            for (TreeItem item : tree.getItems()) {
                if (item.getText().startsWith("Errors")) {
                    Event event = new Event();
                    event.item = item;
                    tree.notifyListeners(SWT.Expand, event);
                    item.setExpanded(true);
                }
            }
        }
        Workbenches.settle(500);
    }

    private static List<Tree> trees(Composite parent) {
        List<Tree> trees = new ArrayList<>();
        for (Control child : parent.getChildren()) {
            if (child instanceof Tree tree) {
                trees.add(tree);
            } else if (child instanceof Composite composite) {
                trees.addAll(trees(composite));
            }
        }
        return trees;
    }

    private static void waitForBuild() throws InterruptedException {
        Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
        Job.getJobManager().join(ResourcesPlugin.FAMILY_MANUAL_BUILD, null);
    }

    private static Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    private static String contents(IFile file) throws Exception {
        try (var in = file.getContents(true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int lineOf(String text, String words) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(words)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line has " + words);
    }

    private static List<IFile> vseFiles(IProject project) throws CoreException {
        List<IFile> files = new ArrayList<>();
        project.accept(r -> {
            if (r instanceof IFile f && "vse".equals(f.getFileExtension())) {
                files.add(f);
            }
            return true;
        });
        return files;
    }

    private static List<IMarker> errors(IFile file) {
        try {
            return Arrays.stream(file.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_ZERO))
                    .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).toList();
        } catch (CoreException e) {
            return List.of();
        }
    }

    private static List<Integer> errorLines(IFile file) {
        return errors(file).stream().map(m -> m.getAttribute(IMarker.LINE_NUMBER, -1)).toList();
    }

    private static String describe(List<IMarker> markers) {
        return markers.stream().map(m -> m.getAttribute(IMarker.LINE_NUMBER, -1) + ": " + m.getAttribute(IMarker.MESSAGE, "") + " ["
                + m.getAttribute(VseBuilder.CODE, "") + "]").collect(Collectors.joining("; "));
    }
}
