package org.vsestudio.ui.tests;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.FrameworkUtil;
import org.vsestudio.cli.Vse;
import org.vsestudio.launch.HeadlessClasspath;
import org.vsestudio.launch.VseCommandLaunchDelegate;

/**
 * A tiny bootable image for the sandbox tests, built once per run by the real {@code vse
 * build} in a plain JVM, with its layer cache below the bundle's {@code target/} so that a
 * rerun — and a sandbox launch of the same file with the same cache — takes it from the
 * cache in seconds.
 */
final class SandboxImage {

    /** The environment of the sandbox tests; its machine is called {@code sandbox-ui}. */
    static final String VSE = """
            environment sandbox.ui {
                distribution debian bookworm
                architecture amd64
                repositories from host
                packages { linux-image-cloud-amd64 systemd-sysv openssh-server }
                user alice uid 1001
                boot options "console=ttyS0"
            }
            """;

    record Built(Path disk, Path kernel, Path initrd, String commandLine, String digest) {
    }

    private static Built built;

    private SandboxImage() {
    }

    /** The layer cache ({@code XDG_CACHE_HOME}) the fixture and the sandbox launches share. */
    static Path cacheHome() {
        return Path.of("target", "vse-cache").toAbsolutePath();
    }

    static synchronized Built get() throws Exception {
        if (built != null) {
            return built;
        }
        Path project = Files.createDirectories(Path.of("target", "sandbox-image").toAbsolutePath());
        Files.writeString(project.resolve("sandbox.vse"), VSE);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(VseCommandLaunchDelegate.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, HeadlessClasspath.of(FrameworkUtil.getBundle(Vse.class))));
        command.add(Vse.class.getName());
        command.addAll(List.of("build", "sandbox.vse", "--out", "image", "--json"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().remove("VSE_PATH");
        pb.environment().put("XDG_CACHE_HOME", cacheHome().toString());
        Path errors = project.resolve("build-errors.txt");
        pb.redirectError(errors.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("vse build of the sandbox image did not finish in 15 minutes");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("vse build of the sandbox image failed (" + p.exitValue() + "): " + out + Files.readString(errors));
        }
        Path image = project.resolve("image");
        built = new Built(image.resolve("disk.qcow2"), image.resolve("vmlinuz"), image.resolve("initrd.img"), field(out, "kernelCommandLine"),
                field(out, "digest"));
        System.out.printf("sandbox image: %s in %.1f s%n", built.digest(), (System.nanoTime() - t0) / 1e9);
        return built;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("vse build --json printed no " + name + ": " + json);
        }
        return m.group(1);
    }

    /** The command lines of the QEMU processes of machine {@code name} on this host. */
    static List<String> qemuOf(String name) {
        return ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains("qemu-system") && c.matches("(?s).*guest=" + Pattern.quote(name) + "([ ,].*|$)"))
                .toList();
    }
}
