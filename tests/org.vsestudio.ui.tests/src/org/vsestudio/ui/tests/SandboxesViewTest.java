package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.VsePerspective;
import org.vsestudio.ui.sandbox.SandboxesView;
import org.vsestudio.ui.sandbox.SerialConsole;
import org.vsestudio.vm.Machine;
import org.vsestudio.vm.MachineSpec;
import org.vsestudio.vm.Progress;
import org.vsestudio.vm.QemuHypervisor;
import org.vsestudio.vm.Registry;

/**
 * The Sandboxes view with a real machine started through V2M (QEMU, TCG here) in a registry
 * of its own: the table shows it running, Pause pauses it, its serial console opens in the
 * Console view, Destroy ends it and its row goes away.
 */
class SandboxesViewTest {

    private Path home;
    private Registry registry;
    private Machine machine;
    private SandboxesView view;

    @BeforeEach
    void registryOfItsOwn() throws Exception {
        home = Files.createTempDirectory("vse-sandboxes-view");
        registry = new Registry(home.resolve("vms"));
        System.setProperty(SandboxesView.REGISTRY_PROPERTY, registry.folder().toString());
        System.setProperty("vse.test.noDialogs", "true");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (SandboxesView) page.showView(SandboxesView.ID);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (machine != null) {
            machine.close();
        }
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().hideView(view);
        System.clearProperty(SandboxesView.REGISTRY_PROPERTY);
        System.clearProperty("vse.test.noDialogs");
        new ProcessBuilder("rm", "-rf", "--one-file-system", home.toString()).start().waitFor();
    }

    private String[] row(String name) {
        Table table = view.viewer().getTable();
        for (TableItem item : table.getItems()) {
            if (item.getText(0).equals(name)) {
                String[] cells = new String[table.getColumnCount()];
                Arrays.setAll(cells, item::getText);
                return cells;
            }
        }
        return null;
    }

    private void awaitState(String name, String state) {
        try {
            Workbenches.waitFor(() -> row(name) != null && row(name)[1].equals(state), 30_000);
        } catch (AssertionError e) {
            throw new AssertionError(name + " is not shown " + state + ": " + Arrays.toString(row(name)) + " " + view.lastError(), e);
        }
    }

    @Test
    void theViewIsInTheVsePerspectiveAndSaysWhenNothingRuns() throws Exception {
        assertTrue(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(VsePerspective.ID) != null);
        Workbenches.waitFor(() -> "No sandbox machines are running.".equals(view.getContentDescription()), 10_000);
        assertEquals(List.of("Name", "State", "Backend", "Uptime", "Image", "SSH"),
                Arrays.stream(view.viewer().getTable().getColumns()).map(c -> c.getText()).toList());
        List<String> toolbar = Arrays.stream(view.getViewSite().getActionBars().getToolBarManager().getItems())
                .filter(ActionContributionItem.class::isInstance).map(i -> ((ActionContributionItem) i).getAction().getText()).toList();
        assertEquals(List.of("Refresh", "Pause", "Resume", "Stop", "Destroy", "Serial Console"), toolbar);
        List<String> menu = Arrays.stream(view.viewer().getTable().getMenu().getItems()).map(i -> i.getText()).toList();
        view.viewer().getTable().getMenu().notifyListeners(org.eclipse.swt.SWT.Show, null);
        menu = Arrays.stream(view.viewer().getTable().getMenu().getItems()).map(i -> i.getText()).filter(t -> !t.isEmpty()).toList();
        assertEquals(List.of("Pause", "Resume", "Stop", "Destroy", "Take Snapshot...", "Restore Snapshot...", "Serial Console",
                "Remove Stale Entries", "Refresh"), menu, "the context menu");
        assertFalse(view.action("Pause").isEnabled(), "nothing selected, nothing to pause");
    }

    @Test
    void aRunningMachineIsShownPausedAndDestroyedFromTheView() throws Exception {
        SandboxImage.Built image = SandboxImage.get();
        MachineSpec spec = new MachineSpec("sandbox-view", image.disk(), image.kernel(), image.initrd(), image.commandLine(), 1024, 1,
                List.of(MachineSpec.Nic.user(null)), Map.of(), home.resolve("machines"), image.digest());
        machine = new QemuHypervisor(registry).start(spec, new Progress() {
        });
        awaitState("sandbox-view", "running");
        String[] cells = row("sandbox-view");
        assertEquals("qemu", cells[2]);
        assertTrue(cells[3].matches("\\d+:\\d\\d"), cells[3]);
        assertTrue(image.digest().contains(cells[4]) && cells[4].length() == 12, cells[4]);
        assertTrue(cells[5].startsWith("127.0.0.1:"), cells[5]);
        Workbenches.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "sandboxes-view.png");

        assertTrue(view.select("sandbox-view"));
        Workbenches.settle(200);
        assertTrue(view.action("Pause").isEnabled());
        view.action("Pause").run();
        awaitState("sandbox-view", "paused");
        assertEquals(Machine.State.PAUSED, machine.state(), "the machine itself is paused");
        view.select("sandbox-view");
        Workbenches.settle(200);
        assertTrue(view.action("Resume").isEnabled() && !view.action("Pause").isEnabled());
        view.action("Resume").run();
        awaitState("sandbox-view", "running");

        view.select("sandbox-view");
        view.action("Serial Console").run();
        Workbenches.waitFor(() -> serialConsole("sandbox-view") != null && serialConsole("sandbox-view").getDocument().get().contains("Linux version"),
                60_000);

        view.select("sandbox-view");
        Workbenches.settle(200);
        view.action("Destroy").run();
        Workbenches.waitFor(() -> row("sandbox-view") == null, 30_000);
        assertEquals(List.of(), registry.list(), "the registry entry is gone");
        Workbenches.waitFor(() -> SandboxImage.qemuOf("sandbox-view").isEmpty(), 20_000);
        assertEquals(null, view.lastError());
        machine = null;
    }

    private static TextConsole serialConsole(String name) {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof SerialConsole s && s.getName().equals(SerialConsole.PREFIX + name)) {
                return s;
            }
        }
        return null;
    }
}
