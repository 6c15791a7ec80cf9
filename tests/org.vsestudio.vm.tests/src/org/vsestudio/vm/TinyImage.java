package org.vsestudio.vm;

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
 * A tiny bootable image, built once per test run by the real {@code vse build} (a plain JVM
 * with the command line's class path), with its image cache below the test bundle's
 * {@code target/} so that a rerun publishes it from the cache in seconds.
 */
final class TinyImage {

    static final String VSE = """
            environment tiny.vm {
                distribution debian bookworm
                architecture amd64
                repositories from host
                packages { linux-image-cloud-amd64 systemd-sysv openssh-server }
                boot options "console=ttyS0"
            }
            """;

    record Built(Path disk, Path kernel, Path initrd, String commandLine, String digest, double seconds) {
    }

    private static Built built;

    private TinyImage() {
    }

    /** The bundle's {@code target/} folder (the tests run in the bundle's folder). */
    static Path target() {
        return Path.of("target").toAbsolutePath();
    }

    static synchronized Built get() throws Exception {
        if (built != null) {
            return built;
        }
        Path project = Files.createDirectories(target().resolve("tiny-image"));
        Files.writeString(project.resolve("tiny.vse"), VSE);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(VseCommandLaunchDelegate.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, HeadlessClasspath.of(FrameworkUtil.getBundle(Vse.class))));
        command.add(Vse.class.getName());
        command.addAll(List.of("build", "tiny.vse", "--out", "image", "--json"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().remove("VSE_PATH");
        pb.environment().put("XDG_CACHE_HOME", target().resolve("vse-cache").toString());
        Path errors = project.resolve("build-errors.txt");
        pb.redirectError(errors.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("vse build of the tiny image did not finish in 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("vse build of the tiny image failed (" + p.exitValue() + "): " + out + Files.readString(errors));
        }
        Path image = project.resolve("image");
        built = new Built(image.resolve("disk.qcow2"), image.resolve("vmlinuz"), image.resolve("initrd.img"), field(out, "kernelCommandLine"),
                field(out, "digest"), (System.nanoTime() - t0) / 1e9);
        System.out.printf("tiny image: %s in %.1f s (%s)%n", built.digest(), built.seconds(), built.commandLine());
        return built;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("vse build --json printed no " + name + ": " + json);
        }
        return m.group(1);
    }
}
