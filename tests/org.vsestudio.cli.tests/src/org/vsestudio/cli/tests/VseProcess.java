package org.vsestudio.cli.tests;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.nio.file.Files;
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

    /**
     * Runs {@code vse} with more environment and a longer time limit; its standard error goes
     * through a file (long builds print much), so that neither stream can block the other.
     */
    static Result run(Path workingDirectory, Map<String, String> environment, Duration limit, String... args) throws Exception {
        ProcessBuilder pb = builder(workingDirectory, args);
        pb.environment().putAll(environment);
        Path errors = Files.createTempFile("vse-err", ".txt");
        pb.redirectError(errors.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("vse " + String.join(" ", args) + " did not finish in " + limit.toMinutes() + " minutes");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The repository's examples folder, seen from the test bundle's folder. */
    static Path repository() {
        return Path.of("../..").toAbsolutePath().normalize();
    }
}
