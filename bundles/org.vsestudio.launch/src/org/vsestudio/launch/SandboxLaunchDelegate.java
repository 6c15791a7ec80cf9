package org.vsestudio.launch;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.osgi.framework.FrameworkUtil;
import org.vsestudio.cli.Vse;

/**
 * Runs {@code vse run} for a "VSE Sandbox" launch configuration in its own Java process, as
 * the VSE Command launch does: its progress (standard error) and the command's output
 * (standard output) go live to the Console, its exit code (the command's) is the process's.
 * Terminating the launch destroys the {@code vse run} process, whose shutdown hook tears the
 * machines down. The configuration's environment variables (Environment tab) are passed on.
 */
public class SandboxLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SandboxRequest request = SandboxRequest.of(configuration);
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(VseCommandLaunchDelegate.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, HeadlessClasspath.of(FrameworkUtil.getBundle(Vse.class))));
        command.add(Vse.class.getName());
        command.addAll(request.arguments());
        String[] environment = DebugPlugin.getDefault().getLaunchManager().getEnvironment(configuration);
        Process process = DebugPlugin.exec(command.toArray(String[]::new), request.file().getParent().toFile(), environment);
        IProcess p = DebugPlugin.newProcess(launch, process, request.label());
        p.setAttribute(IProcess.ATTR_CMDLINE, String.join(" ", command));
        showExitCode(p, configuration.getName() + " [VSE Sandbox] " + request.label());
    }

    /** When the process ends, its label (the Console's title) gets {@code [exit code N]}, the command's exit code. */
    private static void showExitCode(IProcess process, String label) {
        DebugPlugin debug = DebugPlugin.getDefault();
        IDebugEventSetListener listener = new IDebugEventSetListener() {
            @Override
            public void handleDebugEvents(DebugEvent[] events) {
                for (DebugEvent e : events) {
                    if (e.getSource() == process && e.getKind() == DebugEvent.TERMINATE) {
                        debug.removeDebugEventListener(this);
                        try {
                            process.setAttribute(IProcess.ATTR_PROCESS_LABEL, label + " [exit code " + process.getExitValue() + "]");
                        } catch (DebugException x) {
                            // not terminated after all: no code to show
                        }
                    }
                }
            }
        };
        debug.addDebugEventListener(listener);
        if (process.isTerminated()) {
            listener.handleDebugEvents(new DebugEvent[] {new DebugEvent(process, DebugEvent.TERMINATE)});
        }
    }
}
