package org.vsestudio.launch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.junit.jupiter.api.Test;
import org.vsestudio.launch.VseCommandRequest;

/** A "VSE Command" launch runs the real vse command line in its own JVM. */
class VseCommandLaunchTest {

    private static ILaunchConfigurationWorkingCopy configuration(String arguments) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType("org.vsestudio.launch.command");
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, "vse test");
        wc.setAttribute(VseCommandRequest.ATTR_ARGUMENTS, arguments);
        return wc;
    }

    @Test
    void runsVseAndShowsItsOutputAndExitCode() throws Exception {
        ILaunch launch = configuration("--version").launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        long deadline = System.currentTimeMillis() + 60_000;
        while (!process.isTerminated() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(process.isTerminated(), "vse --version did not finish within a minute");
        assertEquals(0, process.getExitValue());
        String out = process.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(out.startsWith("vse 0.1.0."), out);
        assertEquals("vse --version", process.getLabel());
    }

    @Test
    void anUnknownCommandEndsWithExitTwoAndASentence() throws Exception {
        ILaunch launch = configuration("nonsense").launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        IProcess process = launch.getProcesses()[0];
        long deadline = System.currentTimeMillis() + 60_000;
        while (!process.isTerminated() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, process.getExitValue());
        String err = process.getStreamsProxy().getErrorStreamMonitor().getContents();
        assertEquals("vse: 'nonsense' is not a vse command; 'vse --help' lists them.", err.trim());
    }

    @Test
    void anEmptyCommandIsRefusedBeforeAnythingStarts() throws Exception {
        CoreException e = assertThrows(CoreException.class,
                () -> VseCommandRequest.of(configuration("  ")));
        assertTrue(e.getStatus().getMessage().contains("names no vse command"), e.getStatus().getMessage());
    }
}
