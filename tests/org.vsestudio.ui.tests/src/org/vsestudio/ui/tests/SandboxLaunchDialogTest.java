package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsestudio.launch.SandboxRequest;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.launch.BackendTab;
import org.vsestudio.ui.launch.SandboxLaunchShortcut;
import org.vsestudio.ui.launch.SandboxTab;
import org.vsestudio.ui.launch.SandboxTargets;

/**
 * The VSE Sandbox configuration in the real launch configuration dialog: its tabs show the
 * configuration's attributes, offer the file's environments and machine sets, say what is
 * wrong in one sentence, and write back what the user typed.
 */
class SandboxLaunchDialogTest {

    private static final String TWO = """
            environment sim.a {
                distribution debian bookworm
            }
            environment sim.b {
                distribution debian bookworm
            }
            machines sim.cluster {
                group head count 1 runs sim.a
            }
            """;

    private IProject project;
    private IFile file;
    private ILaunchConfiguration configuration;

    @BeforeEach
    void fileAndConfiguration() throws Exception {
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("sandbox-dialog");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        file = project.getFile("sim.vse");
        file.create(new ByteArrayInputStream(TWO.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = manager.getLaunchConfigurationType(SandboxRequest.TYPE).newInstance(null, "sim sandbox");
        wc.setAttribute(SandboxRequest.ATTR_FILE, SandboxTargets.attribute(file));
        wc.setAttribute(SandboxRequest.ATTR_TARGET, "sim.b");
        wc.setAttribute(SandboxRequest.ATTR_COMMAND, "mpirun -np 2 hostname");
        wc.setAttribute(SandboxRequest.ATTR_WORKDIR, "/tmp");
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, "libvirt");
        wc.setAttribute(SandboxRequest.ATTR_CONNECT, "qemu:///system");
        wc.setAttribute(SandboxRequest.ATTR_MEMORY, "1536");
        configuration = wc.doSave();
    }

    @AfterEach
    void cleanUp() throws Exception {
        configuration.delete();
        project.delete(true, true, null);
    }

    /** The text field or combo right after the label {@code label} (labels have mnemonics: "&File:"). */
    private static Control after(Composite root, String label) {
        List<Control> all = new ArrayList<>();
        collect(root, all);
        for (int i = 0; i < all.size() - 1; i++) {
            if (all.get(i) instanceof Label l && l.getText().replace("&", "").equals(label)) {
                return all.get(i + 1);
            }
        }
        throw new AssertionError("no field labelled " + label);
    }

    private static Button button(Composite root, String text) {
        List<Control> all = new ArrayList<>();
        collect(root, all);
        return all.stream().filter(c -> c instanceof Button b && b.getText().replace("&", "").startsWith(text)).map(Button.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no button " + text));
    }

    private static void collect(Control c, List<Control> out) {
        out.add(c);
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, out);
            }
        }
    }

    private static <T extends ILaunchConfigurationTab> T tab(ILaunchConfigurationDialog d, Class<T> type) {
        return Arrays.stream(d.getTabs()).filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void theTabsShowTheAttributesOfferTheFilesNamesValidateAndApply() throws Exception {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        List<Throwable> failures = new ArrayList<>();
        Display.getCurrent().asyncExec(() -> {
            LaunchConfigurationsDialog d = null;
            try {
                Workbenches.waitFor(() -> LaunchConfigurationsDialog.getCurrentlyVisibleLaunchConfigurationDialog() != null
                        && ((LaunchConfigurationsDialog) LaunchConfigurationsDialog.getCurrentlyVisibleLaunchConfigurationDialog()).getTabs() != null,
                        30_000);
                d = (LaunchConfigurationsDialog) LaunchConfigurationsDialog.getCurrentlyVisibleLaunchConfigurationDialog();
                Workbenches.settle(500);
                assertEquals(List.of("Sandbox", "Backend", "Environment", "Common"),
                        Arrays.stream(d.getTabs()).map(ILaunchConfigurationTab::getName).toList());
                SandboxTab sandbox = tab(d, SandboxTab.class);
                BackendTab backend = tab(d, BackendTab.class);
                Composite s = (Composite) sandbox.getControl();
                Composite b = (Composite) backend.getControl();

                // round trip: the attributes are shown
                assertEquals(SandboxTargets.attribute(file), ((Text) after(s, "File:")).getText());
                assertEquals("sim.b", ((Combo) after(s, "Name:")).getText());
                assertEquals(List.of("sim.a", "sim.b"), sandbox.offeredNames(), "the file's environments are offered");
                assertEquals("mpirun -np 2 hostname", ((Text) after(s, "Command:")).getText());
                assertEquals("/tmp", ((Text) after(s, "Working directory:")).getText());
                assertEquals("libvirt", ((Combo) after(b, "Backend:")).getText());
                assertEquals("qemu:///system", ((Text) after(b, "libvirt connection:")).getText());
                assertEquals("1536", ((Text) after(b, "Memory (MiB):")).getText());
                assertTrue(sandbox.isValid(configuration) && backend.isValid(configuration), sandbox.getErrorMessage());
                d.setActiveTab(0);
                Workbenches.screenshot(d.getShell(), "sandbox-launch-dialog.png");

                // machine sets are offered when the user chooses a machine set
                Button machines = button(s, "a machine set");
                machines.setSelection(true);
                button(s, "an environment").setSelection(false);
                machines.notifyListeners(SWT.Selection, null);
                assertEquals(List.of("sim.cluster"), sandbox.offeredNames());
                assertFalse(sandbox.isValid(configuration));
                assertEquals("The file declares no machine set sim.b.", sandbox.getErrorMessage());
                ((Combo) after(s, "Name:")).setText("sim.cluster");

                // validation, one sentence each
                ((Text) after(s, "Command:")).setText("  ");
                assertFalse(sandbox.isValid(configuration));
                assertEquals("Enter the command to run in the sandbox, for example 'hostname'.", sandbox.getErrorMessage());
                ((Text) after(s, "Command:")).setText("echo hi; exit 3");
                ((Text) after(s, "File:")).setText("${workspace_loc:/sandbox-dialog/none.vse}");
                assertFalse(sandbox.isValid(configuration));
                assertEquals("The file ${workspace_loc:/sandbox-dialog/none.vse} does not exist.", sandbox.getErrorMessage());
                ((Text) after(s, "File:")).setText(SandboxTargets.attribute(file));
                assertTrue(sandbox.isValid(configuration), sandbox.getErrorMessage());
                ((Text) after(b, "Memory (MiB):")).setText("lots");
                assertFalse(backend.isValid(configuration));
                assertEquals("Memory must be a positive whole number, not 'lots'.", backend.getErrorMessage());
                ((Text) after(b, "Memory (MiB):")).setText("2048");
                ((Text) after(b, "CPUs:")).setText("-1");
                assertEquals("CPUs must be a positive whole number, not '-1'.", backend.isValid(configuration) ? null : backend.getErrorMessage());
                ((Text) after(b, "CPUs:")).setText("");
                assertTrue(backend.isValid(configuration));

                // what was typed is written back
                ILaunchConfigurationWorkingCopy wc = configuration.getWorkingCopy();
                sandbox.performApply(wc);
                backend.performApply(wc);
                assertEquals(SandboxRequest.TARGET_MACHINES, wc.getAttribute(SandboxRequest.ATTR_TARGET_KIND, ""));
                assertEquals("sim.cluster", wc.getAttribute(SandboxRequest.ATTR_TARGET, ""));
                assertEquals("echo hi; exit 3", wc.getAttribute(SandboxRequest.ATTR_COMMAND, ""));
                assertEquals("2048", wc.getAttribute(SandboxRequest.ATTR_MEMORY, ""));
                assertEquals("", wc.getAttribute(SandboxRequest.ATTR_CPUS, "x"));
                assertEquals(List.of("run", file.getLocation().toOSString(), "--machines", "sim.cluster", "--backend", "libvirt", "--connect",
                        "qemu:///system", "--memory", "2048", "--workdir", "/tmp", "--", "sh", "-c", "echo hi; exit 3"),
                        SandboxRequest.of(wc).arguments());
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                if (d != null) {
                    Shell dialogShell = d.getShell();
                    // a "save changes?" question would block the close: answer it by closing it
                    Display.getCurrent().timerExec(2000, () -> {
                        for (Shell other : Display.getCurrent().getShells()) {
                            if (other != shell && other != dialogShell && other.isVisible()) {
                                other.close();
                            }
                        }
                    });
                    d.close();
                }
            }
        });
        DebugUITools.openLaunchConfigurationDialog(shell, configuration, IDebugUIConstants.ID_RUN_LAUNCH_GROUP, null);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0).getMessage(), failures.get(0));
        }
        assertNotNull(configuration);
    }

    private static Shell shellWith(String title, Class<? extends Control> kind) {
        for (Shell sh : Display.getCurrent().getShells()) {
            if (sh.isVisible() && title.equals(sh.getText())) {
                List<Control> all = new ArrayList<>();
                collect(sh, all);
                if (all.stream().anyMatch(kind::isInstance)) {
                    return sh;
                }
            }
        }
        return null;
    }

    private static void press(Shell sh, String label) {
        Button ok = button(sh, label);
        ok.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    @Test
    void runAsVseSandboxAsksWhatToRunAndTheCommandOnceAndKeepsTheConfiguration() throws Exception {
        assertTrue(Arrays.stream(org.eclipse.core.runtime.Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.debug.ui.launchShortcuts"))
                .anyMatch(e -> "org.vsestudio.ui.sandboxShortcut".equals(e.getAttribute("id")) && "VSE Sandbox".equals(e.getAttribute("label"))),
                "Run As offers VSE Sandbox");
        configuration.delete(); // the file has no configuration yet
        assertEquals(null, SandboxLaunchShortcut.find(file));
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        List<String> offered = new ArrayList<>();
        List<String> proposed = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        // each dialog is answered from its own event loop: the list's, then the command's
        Runnable answerCommand = () -> {
            try {
                Workbenches.waitFor(() -> shellWith(SandboxLaunchShortcut.TITLE, Text.class) != null, 20_000);
                Shell input = shellWith(SandboxLaunchShortcut.TITLE, Text.class);
                List<Control> all = new ArrayList<>();
                collect(input, all);
                Text text = all.stream().filter(Text.class::isInstance).map(Text.class::cast).filter(t -> t.getEditable()).findFirst().orElseThrow();
                proposed.add(text.getText());
                text.setText("uname -a");
                press(input, "OK");
            } catch (Throwable t) {
                failures.add(t);
                closeDialogs(shell);
            }
        };
        Display.getCurrent().asyncExec(() -> {
            try {
                Workbenches.waitFor(() -> shellWith(SandboxLaunchShortcut.TITLE, org.eclipse.swt.widgets.Table.class) != null, 20_000);
                Shell list = shellWith(SandboxLaunchShortcut.TITLE, org.eclipse.swt.widgets.Table.class);
                org.eclipse.swt.widgets.Table table = (org.eclipse.swt.widgets.Table) after(list, "What of sim.vse do you want to run in the sandbox?");
                Arrays.stream(table.getItems()).map(i -> i.getText()).forEach(offered::add);
                table.setSelection(2);
                table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                Display.getCurrent().asyncExec(answerCommand);
                press(list, "OK");
            } catch (Throwable t) {
                failures.add(t);
                closeDialogs(shell);
            }
        });
        ILaunchConfiguration made = SandboxLaunchShortcut.create(shell, file);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0).getMessage(), failures.get(0));
        }
        assertEquals(List.of("machine set sim.cluster", "environment sim.a", "environment sim.b"), offered);
        assertEquals(List.of("hostname"), proposed, "the command proposed the first time");
        assertNotNull(made);
        assertEquals(SandboxRequest.TARGET_ENVIRONMENT, made.getAttribute(SandboxRequest.ATTR_TARGET_KIND, ""));
        assertEquals("sim.b", made.getAttribute(SandboxRequest.ATTR_TARGET, ""));
        assertEquals("uname -a", made.getAttribute(SandboxRequest.ATTR_COMMAND, ""));
        assertEquals(made, SandboxLaunchShortcut.find(file), "the next Run As reuses it");
        configuration = made; // deleted after the test
    }

    private static void closeDialogs(Shell workbench) {
        for (Shell sh : Display.getCurrent().getShells()) {
            if (sh != workbench && sh.isVisible()) {
                sh.close();
            }
        }
    }
}
