package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vse run} as a user runs it: the environment's image is built, a machine of it boots
 * under QEMU (TCG here), the command runs inside as the environment's account with its output
 * and exit code passed through, and nothing of the machine is left afterwards.
 */
class VseRunTest {

    private static final String SANDBOX = """
            environment sandbox.tiny {
                distribution debian bookworm
                architecture amd64
                repositories from host
                packages { linux-image-cloud-amd64 systemd-sysv openssh-server hello }
                user alice uid 1001
                boot options "console=ttyS0"
            }
            """;

    private static Path project;
    private static Path home;
    private static Map<String, String> env;

    @BeforeAll
    static void writeProject() throws IOException {
        project = Files.createTempDirectory("vse-run-project");
        home = Files.createTempDirectory("vse-run-home");
        Files.writeString(project.resolve("sandbox.vse"), SANDBOX);
        env = Map.of("XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_RUNTIME_DIR", Files.createDirectories(home.resolve("run")).toString());
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (Path p : new Path[] {project, home}) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).start().waitFor();
        }
    }

    @Test
    void theCommandRunsInsideAsTheEnvironmentsAccountWithItsOutputAndExitCodeAndNothingIsLeft() throws Exception {
        long t0 = System.nanoTime();
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(15), "run", "sandbox.vse", "--",
                "sh", "-c", "echo \"hello from $(hostname) as $(id -un)\"; hello; exit 3");
        System.out.printf("vse run sandbox.vse (image built cold, then boot and command): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(3, r.exit(), () -> "the command's exit code comes back:\n" + r.out() + "\n" + r.err());
        assertTrue(r.out().contains("hello from sandbox-tiny as alice"), r.out());
        assertTrue(r.out().contains("Hello, world!"), r.out());
        assertTrue(r.err().contains("is ready after"), r.err());

        // once more: the image is up to date, only the boot and the command remain
        t0 = System.nanoTime();
        VseProcess.Result again = VseProcess.run(project, env, Duration.ofMinutes(10), "run", "sandbox.vse", "--", "cat", "/etc/hostname");
        System.out.printf("vse run sandbox.vse (image up to date): %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(0, again.exit(), again.err());
        assertEquals("sandbox-tiny", again.out().strip());

        VseProcess.Result list = VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "list");
        assertTrue(list.out().contains("No machines are running"), list.out());
        try (Stream<Path> left = Files.list(home.resolve("run"))) {
            assertTrue(left.allMatch(p -> isEmptyTree(p)), "no registry entry is left");
        }
        Process ps = new ProcessBuilder("pgrep", "-f", "guest=sandbox-tiny").start();
        assertFalse(new String(ps.getInputStream().readAllBytes()).strip().length() > 0, "no QEMU of the sandbox is left");
    }

    private static boolean isEmptyTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.allMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }
}
