package org.vsestudio.cli.tests;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.CoreException;
import org.osgi.framework.FrameworkUtil;
import org.vsestudio.cli.Vse;
import org.vsestudio.launch.HeadlessClasspath;
import org.vsestudio.launch.VseCommandLaunchDelegate;

/**
 * The {@code vse} command as a user runs it: a plain JVM (no OSGi) with the command line's
 * jars on its class path, in a working directory.
 */
final class VseProcess {

    record Result(int exit, String out, String err) {
    }

    private VseProcess() {
    }

    static ProcessBuilder builder(Path workingDirectory, String... args) throws CoreException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(VseCommandLaunchDelegate.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, HeadlessClasspath.of(FrameworkUtil.getBundle(Vse.class))));
        command.add(Vse.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        pb.environment().remove("VSE_PATH");
        return pb;
    }

    static Result run(Path workingDirectory, String... args) throws Exception {
        Process p = builder(workingDirectory, args).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("vse " + String.join(" ", args) + " did not finish in 2 minutes");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The repository's examples folder, seen from the test bundle's folder. */
    static Path repository() {
        return Path.of("../..").toAbsolutePath().normalize();
    }
}
