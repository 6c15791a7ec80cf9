package org.vsestudio.launch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.launch.SandboxRequest;

/** What a "VSE Sandbox" configuration makes of its attributes: the {@code vse run} arguments, or one sentence. */
class SandboxRequestTest {

    @TempDir
    Path dir;

    private ILaunchConfigurationWorkingCopy configuration() throws Exception {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = manager.getLaunchConfigurationType(SandboxRequest.TYPE).newInstance(null, "sandbox test");
        Path file = Files.writeString(dir.resolve("climate.vse"), "environment a {}\n");
        wc.setAttribute(SandboxRequest.ATTR_FILE, file.toString());
        wc.setAttribute(SandboxRequest.ATTR_COMMAND, "echo hi; exit 3");
        return wc;
    }

    private static String message(ILaunchConfigurationWorkingCopy wc) {
        return assertThrows(CoreException.class, () -> SandboxRequest.of(wc)).getStatus().getMessage();
    }

    @Test
    void theDefaultsRunTheFilesEnvironmentUnderQemuAndTheCommandThroughTheGuestsShell() throws Exception {
        SandboxRequest r = SandboxRequest.of(configuration());
        assertEquals(List.of("run", dir.resolve("climate.vse").toString(), "--backend", "qemu", "--", "sh", "-c", "echo hi; exit 3"),
                r.arguments());
        assertEquals("vse run climate.vse (qemu) -- echo hi; exit 3", r.label());
    }

    @Test
    void everyOptionOfTheContractIsPassedOn() throws Exception {
        ILaunchConfigurationWorkingCopy wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_TARGET_KIND, SandboxRequest.TARGET_MACHINES);
        wc.setAttribute(SandboxRequest.ATTR_TARGET, "climate.cluster");
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, "libvirt");
        wc.setAttribute(SandboxRequest.ATTR_CONNECT, "qemu:///system");
        wc.setAttribute(SandboxRequest.ATTR_MEMORY, "1024");
        wc.setAttribute(SandboxRequest.ATTR_CPUS, " 1 ");
        wc.setAttribute(SandboxRequest.ATTR_TIMEOUT, "300");
        wc.setAttribute(SandboxRequest.ATTR_WORKDIR, "/home/alice/run dir");
        wc.setAttribute(SandboxRequest.ATTR_KEEP, true);
        assertEquals(List.of("run", dir.resolve("climate.vse").toString(), "--machines", "climate.cluster", "--backend", "libvirt", "--connect",
                "qemu:///system", "--memory", "1024", "--cpus", "1", "--workdir", "/home/alice/run dir", "--timeout", "300", "--keep", "--", "sh",
                "-c", "echo hi; exit 3"), SandboxRequest.of(wc).arguments());

        wc.setAttribute(SandboxRequest.ATTR_TARGET_KIND, SandboxRequest.TARGET_ENVIRONMENT);
        wc.setAttribute(SandboxRequest.ATTR_TARGET, "climate.model");
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, "container");
        wc.setAttribute(SandboxRequest.ATTR_KEEP, false);
        assertEquals(List.of("run", dir.resolve("climate.vse").toString(), "--env", "climate.model", "--backend", "container", "--memory", "1024",
                "--cpus", "1", "--workdir", "/home/alice/run dir", "--timeout", "300", "--", "sh", "-c", "echo hi; exit 3"),
                SandboxRequest.of(wc).arguments(), "the connection is libvirt's only");
    }

    @Test
    void whatIsMissingOrWrongIsOneSentence() throws Exception {
        ILaunchConfigurationWorkingCopy wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_COMMAND, " ");
        assertEquals("The launch configuration 'sandbox test' names no command to run in the sandbox; enter one on the Sandbox tab.", message(wc));

        wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_FILE, "");
        assertEquals("The launch configuration 'sandbox test' names no .vse file; choose one on the Sandbox tab.", message(wc));
        wc.setAttribute(SandboxRequest.ATTR_FILE, dir.resolve("nothing.vse").toString());
        assertEquals("The file '" + dir.resolve("nothing.vse") + "' does not exist.", message(wc));

        wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_MEMORY, "2G");
        assertEquals("Memory must be a positive whole number, not '2G'.", message(wc));
        wc.setAttribute(SandboxRequest.ATTR_MEMORY, "");
        wc.setAttribute(SandboxRequest.ATTR_CPUS, "0");
        assertEquals("CPUs must be a positive whole number, not '0'.", message(wc));

        wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_TARGET_KIND, SandboxRequest.TARGET_MACHINES);
        assertEquals("Choose the machine set to run on the Sandbox tab.", message(wc));

        wc = configuration();
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, "docker");
        assertEquals("Unknown backend 'docker'; choose qemu, libvirt or container.", message(wc));
    }
}
