package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsestudio.launch.SandboxRequest;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.launch.SandboxTargets;
import org.vsestudio.vm.Registry;

/**
 * A VSE Sandbox launch as a user runs it from the IDE: a real machine of a tiny image boots
 * under QEMU (TCG here), the command's output appears in the Console, its exit code is the
 * process's, and nothing is left — also when the user presses the red stop button while the
 * machine boots.
 */
class SandboxLaunchTest {

    private static IProject project;
    private static IFile file;
    private static Path runtime;

    @BeforeAll
    static void projectWithTheSandboxFile() throws Exception {
        SandboxImage.get(); // warms the layer cache the launches use
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("sandbox-launch");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        file = project.getFile("sandbox.vse");
        if (!file.exists()) {
            file.create(new ByteArrayInputStream(SandboxImage.VSE.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        }
        runtime = Files.createTempDirectory("vse-sandbox-launch");
    }

    @AfterAll
    static void removeAll() throws Exception {
        project.delete(true, true, null);
        new ProcessBuilder("rm", "-rf", "--one-file-system", runtime.toString()).start().waitFor();
    }

    /** A configuration that runs {@code command}, with its own registry (XDG_RUNTIME_DIR) and the fixture's layer cache. */
    private static ILaunchConfigurationWorkingCopy configuration(String command) throws Exception {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = manager.getLaunchConfigurationType(SandboxRequest.TYPE).newInstance(null, "sandbox e2e");
        wc.setAttribute(SandboxRequest.ATTR_FILE, SandboxTargets.attribute(file));
        wc.setAttribute(SandboxRequest.ATTR_TARGET, "sandbox.ui");
        wc.setAttribute(SandboxRequest.ATTR_COMMAND, command);
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, "qemu");
        wc.setAttribute(SandboxRequest.ATTR_MEMORY, "1024");
        wc.setAttribute(SandboxRequest.ATTR_CPUS, "2");
        wc.setAttribute(SandboxRequest.ATTR_TIMEOUT, "400");
        wc.setAttribute(ILaunchManager.ATTR_ENVIRONMENT_VARIABLES,
                Map.of("XDG_RUNTIME_DIR", runtime.toString(), "XDG_CACHE_HOME", SandboxImage.cacheHome().toString()));
        wc.setAttribute(ILaunchManager.ATTR_APPEND_ENVIRONMENT_VARIABLES, true);
        return wc;
    }

    private static String console(IProcess process) {
        IConsole console = DebugUITools.getConsole(process);
        return console instanceof TextConsole t ? t.getDocument().get() : "";
    }

    /** The work folders of {@code vse run} (its keys and overlays) left for the sandbox-ui machine. */
    private static List<Path> workFoldersLeft() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("vse-run")).filter(d -> {
                try {
                    return Files.isRegularFile(d.resolve("keys/host-sandbox-ui.pub"));
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    private static void assertNothingLeft() throws Exception {
        Workbenches.waitFor(() -> {
            try {
                return workFoldersLeft().isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, 30_000);
        Workbenches.waitFor(() -> SandboxImage.qemuOf("sandbox-ui").isEmpty(), 30_000);
        Registry registry = new Registry(runtime.resolve("vse-studio").resolve("vms"));
        Workbenches.waitFor(() -> {
            try {
                return registry.list().isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, 30_000);
        if (Files.isDirectory(registry.folder())) {
            try (Stream<Path> left = Files.list(registry.folder())) {
                assertEquals(0, left.count(), "no registry file is left");
            }
        }
    }

    @Test
    void theCommandsOutputIsInTheConsoleItsExitCodeIsTheProcessesAndNothingIsLeft() throws Exception {
        long t0 = System.nanoTime();
        ILaunch launch = configuration("echo hello from the sandbox on $(hostname) as $(id -un); exit 3")
                .launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        Workbenches.waitFor(process::isTerminated, 900_000);
        System.out.printf("VSE Sandbox launch (image from the cache, boot, command): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(3, process.getExitValue(), () -> "the command's exit code is the process's:\n" + console(process));
        Workbenches.waitFor(() -> console(process).contains("hello from the sandbox on sandbox-ui as alice"), 20_000);
        assertTrue(console(process).contains("is ready after"), "the console shows vse run's progress:\n" + console(process));
        assertTrue(process.getLabel().startsWith("vse run sandbox.vse --env sandbox.ui (qemu) -- echo hello"), process.getLabel());
        Workbenches.waitFor(() -> DebugUITools.getConsole(process).getName().contains("[exit code 3]"), 10_000);
        String title = DebugUITools.getConsole(process).getName();
        System.out.println("console title: " + title);
        assertTrue(title.startsWith("<terminated>") && title.contains("vse run sandbox.vse --env sandbox.ui (qemu) -- echo hello"), title);
        assertNothingLeft();
    }

    @Test
    void theRedStopButtonDuringTheBootLeavesNothing() throws Exception {
        ILaunch launch = configuration("sleep 600").launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        try {
            // the machine is started (in the registry, QEMU running) and boots
            Workbenches.waitFor(() -> process.isTerminated() || console(process).contains("Booting sandbox-ui"), 600_000);
            assertTrue(!process.isTerminated(), () -> "the launch runs until stopped:\n" + console(process));
            assertEquals(1, SandboxImage.qemuOf("sandbox-ui").size(), "the machine's QEMU runs");
            Workbenches.settle(3000);
            launch.terminate();
            Workbenches.waitFor(process::isTerminated, 60_000);
            assertNothingLeft();
        } finally {
            if (!launch.isTerminated()) {
                launch.terminate();
            }
        }
    }
}
