package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vse run --backend container} as a user runs it: the image's tree booted by
 * systemd-nspawn, the command's output and exit code passed through, nothing left; and an
 * environment whose base requires {@code protection at least high} refused before anything
 * is built or started.
 */
class VseRunContainerTest {

    private static final String BOX = """
            environment box.tiny {
                distribution debian bookworm
                architecture amd64
                repositories from host
                packages { systemd-sysv openssh-server hello }
                user alice uid 1001
            }
            """;

    private static final String SECURE = """
            environment secure.base {
                distribution debian bookworm
                architecture amd64
                repositories from host
                protection at least high
            }

            environment secure.app extends secure.base {
                packages { systemd-sysv openssh-server hello }
            }
            """;

    private static Path project;
    private static Path home;
    private static Map<String, String> env;

    @BeforeAll
    static void writeProject() throws IOException {
        project = Files.createTempDirectory("vse-run-container");
        home = Files.createTempDirectory("vse-run-container-home");
        Files.writeString(project.resolve("box.vse"), BOX);
        Files.writeString(project.resolve("secure.vse"), SECURE);
        env = Map.of("XDG_CACHE_HOME", home.resolve("cache").toString(), "XDG_RUNTIME_DIR", Files.createDirectories(home.resolve("run")).toString());
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (Path p : new Path[] {project, home}) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).start().waitFor();
        }
    }

    @Test
    void aBaseRequiringHighProtectionIsRefusedBeforeAnythingIsBuilt() throws Exception {
        Path trees = home.resolve("cache").resolve("vse-studio").resolve("containers");
        List<Path> treesBefore = list(trees);
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(2), "run", "secure.vse", "--env", "secure.app", "--backend",
                "container", "--", "hello");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("vse run: the base secure.base of secure.app requires protection at least high (secure.vse line 5), and the container"
                + " backend gives only medium protection (it shares the host's kernel); use --backend qemu or libvirt; nothing was started.",
                r.err().strip());
        assertEquals("", r.out());
        assertFalse(Files.exists(project.resolve("build").resolve("secure.app")), "no image was built");
        assertFalse(Files.exists(project.resolve("secure.app.vse.lock")), "nothing was locked");
        assertEquals(treesBefore, list(trees), "no container tree was made");
    }

    @Test
    void theCommandRunsInAContainerWithItsOutputAndExitCodeAndNothingIsLeft() throws Exception {
        long t0 = System.nanoTime();
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(15), "run", "box.vse", "--backend", "container", "--",
                "sh", "-c", "echo \"hello from $(hostname) as $(id -un)\"; hello; exit 3");
        System.out.printf("vse run --backend container box.vse (image built cold, tree unpacked, boot, command): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        assertEquals(3, r.exit(), () -> "the command's exit code comes back:\n" + r.out() + "\n" + r.err());
        assertTrue(r.out().contains("hello from box-tiny as alice"), r.out());
        assertTrue(r.out().contains("Hello, world!"), r.out());
        assertTrue(r.err().contains("Unpacking the image's root file tree"), r.err());
        assertTrue(r.err().contains("is ready after"), r.err());

        t0 = System.nanoTime();
        VseProcess.Result again = VseProcess.run(project, env, Duration.ofMinutes(10), "run", "box.vse", "--backend", "container", "--", "hello");
        System.out.printf("vse run --backend container box.vse (image and tree cached): %.1f s; %s%n", (System.nanoTime() - t0) / 1e9,
                again.err().lines().filter(l -> l.contains("is ready after")).findFirst().orElse(""));
        assertEquals(0, again.exit(), again.err());
        assertEquals("Hello, world!", again.out().strip());
        assertFalse(again.err().contains("Unpacking"), "the tree is unpacked once per image");
        // unchanged since the last run: what it learnt of box.tiny is used, nothing is parsed or locked
        assertTrue(again.err().startsWith("Image of box.tiny is up to date: sha256:"), again.err());
        assertFalse(again.err().contains("box.tiny.vse.lock"), again.err());

        // a changed file is parsed again, and runs the same
        Files.writeString(project.resolve("box.vse"), "// edited\n" + BOX);
        VseProcess.Result edited = VseProcess.run(project, env, Duration.ofMinutes(10), "run", "box.vse", "--backend", "container", "--",
                "id", "-un");
        assertEquals(0, edited.exit(), edited.err());
        assertEquals("alice", edited.out().strip());
        assertTrue(edited.err().contains("Using box.tiny.vse.lock"), "the edited file was parsed: " + edited.err());

        // --keep: the container outlives vse run, and vse vm controls it
        VseProcess.Result kept = VseProcess.run(project, env, Duration.ofMinutes(10), "run", "box.vse", "--backend", "container", "--keep",
                "--", "hostname");
        assertEquals(0, kept.exit(), kept.err());
        assertTrue(kept.err().contains("box-tiny keeps running"), kept.err());
        VseProcess.Result running = VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "list");
        assertTrue(running.out().matches("(?s).*\\nbox-tiny +container +running .*169\\.254\\.[0-9.]+:22 .*"), running.out());
        assertEquals(0, VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "pause", "box-tiny").exit());
        assertTrue(VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "list").out().matches("(?s).*\\nbox-tiny +container +paused .*"));
        assertEquals(0, VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "resume", "box-tiny").exit());
        VseProcess.Result snapshot = VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "snapshot", "box-tiny", "s1");
        assertEquals(2, snapshot.exit());
        assertTrue(snapshot.err().contains("The container backend cannot take snapshots; use --backend qemu or libvirt."), snapshot.err());
        assertEquals(0, VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "destroy", "box-tiny").exit());

        VseProcess.Result list = VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "list");
        assertTrue(list.out().contains("No machines are running"), list.out());
        try (Stream<Path> left = Files.list(home.resolve("run"))) {
            assertTrue(left.allMatch(VseRunContainerTest::isEmptyTree), "no registry entry is left");
        }
        Process ps = new ProcessBuilder("pgrep", "-f", "systemd-nspawn.*--machine=box-tiny").start();
        assertEquals("", new String(ps.getInputStream().readAllBytes()).strip(), "no systemd-nspawn of the sandbox is left");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(home.toString()), "nothing is mounted");
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static boolean isEmptyTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.allMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }
}
