package org.vsestudio.launch;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.osgi.framework.FrameworkUtil;
import org.vsestudio.cli.Vse;

/**
 * Runs the {@code vse} command line in its own Java process, exactly as on a login node,
 * with its output in the Console and its exit code on the process; terminating the launch
 * ends the process.
 */
public class VseCommandLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        VseCommandRequest request = VseCommandRequest.of(configuration);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, HeadlessClasspath.of(FrameworkUtil.getBundle(Vse.class))));
        command.add(Vse.class.getName());
        command.addAll(request.arguments());
        Process process = DebugPlugin.exec(command.toArray(String[]::new), request.workingDirectory().toFile());
        DebugPlugin.newProcess(launch, process, "vse " + String.join(" ", request.arguments()));
    }

    /**
     * The options the {@code vse} script gives its JVM: on Java 24 and newer, Guice's use of
     * {@code sun.misc.Unsafe} is allowed, so that users are not shown the JDK's warning.
     */
    public static List<String> jvmOptions() {
        return Runtime.version().feature() >= 24 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    private static String javaExecutable() {
        return new File(System.getProperty("java.home"), "bin/java").getPath();
    }
}
