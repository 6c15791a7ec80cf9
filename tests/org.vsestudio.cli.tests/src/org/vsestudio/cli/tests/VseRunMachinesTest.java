package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vse run --machines} as a user runs it on the real example: the climate model's
 * image is built (cached in this bundle's {@code target/}, so a rerun only boots), the
 * machine set {@code climate.cluster} starts at sandbox scale under QEMU (TCG here) —
 * {@code head} first, then {@code compute-1} and {@code compute-2} together — on a private
 * network, and MPI runs one rank on each compute machine from {@code head}; nothing is left.
 */
class VseRunMachinesTest {

    private static Path project;
    private static Path run;
    private static Path tmp;
    private static Map<String, String> env;

    @BeforeAll
    static void copyExamples() throws IOException {
        project = Files.createTempDirectory("vse-run-machines");
        run = Files.createTempDirectory("vse-run-machines-registry");
        tmp = Files.createTempDirectory("vse-run-machines-tmp");
        // the image cache lives in this bundle's target/: built cold once, a rerun only boots
        Path cache = Files.createDirectories(Path.of("target", "vse-run-machines-cache").toAbsolutePath());
        // the machines' work folders go to a temporary folder of this test, so that leftovers can be seen
        env = Map.of("XDG_CACHE_HOME", cache.toString(), "XDG_RUNTIME_DIR", run.toString(), "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        Path examples = VseProcess.repository().resolve("examples");
        try (Stream<Path> s = Files.walk(examples)) {
            for (Path p : s.toList()) {
                Path to = project.resolve(examples.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (Path p : new Path[] {project, run, tmp}) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).start().waitFor();
        }
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        VseProcess.Result list = VseProcess.run(project, env, Duration.ofMinutes(1), "vm", "list");
        assertTrue(list.out().contains("No machines are running"), list.out() + list.err());
        try (Stream<Path> left = Files.walk(run)) {
            assertTrue(left.allMatch(Files::isDirectory), "no registry entry is left");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            List<Path> folders = left.filter(p -> p.getFileName().toString().startsWith("vse-run")).toList();
            assertTrue(folders.isEmpty(), "no work folder is left: " + folders);
        }
        Process ps = new ProcessBuilder("pgrep", "-af", "qemu-system").start();
        String qemus = new String(ps.getInputStream().readAllBytes());
        assertTrue(qemus.lines().noneMatch(l -> l.contains(tmp.toString())), "no QEMU of ours is left: " + qemus);
    }

    @Test
    void mpiRunsOneRankOnEachComputeMachineFromHeadStartedAfterHeadIsReady() throws Exception {
        long t0 = System.nanoTime();
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(40), "run", "climate.vse", "--machines", "climate.cluster",
                "--timeout", "500", "--workdir", "/opt/model", "--", "mpirun", "-np", "2", "--hostfile", "/etc/vse/hostfile", "./hello");
        System.out.printf("vse run climate.vse --machines climate.cluster (image built or cached, 3 machines, mpirun): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        System.out.println(r.err().lines().filter(l -> l.startsWith("==> ")).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, r.exit(), () -> "mpirun's exit code comes back:\n" + r.out() + "\n" + r.err());
        assertTrue(r.out().contains("hello from rank 0 of 2 on compute-1") && r.out().contains("hello from rank 1 of 2 on compute-2")
                || r.out().contains("hello from rank 0 of 2 on compute-2") && r.out().contains("hello from rank 1 of 2 on compute-1"), r.out());

        // the start order: head is ready before either compute machine starts; the profile's 4 GiB is capped
        List<String> lines = r.err().lines().toList();
        int headReady = index(lines, "==> head is ready after");
        int compute1 = index(lines, "==> Starting compute-1");
        int compute2 = index(lines, "==> Starting compute-2");
        assertTrue(index(lines, "==> Starting head") >= 0 && headReady >= 0 && compute1 > headReady && compute2 > headReady, r.err());
        assertTrue(lines.get(index(lines, "==> Starting head")).contains("2048 MiB, 2 CPUs (profile climate.large: 4096 MiB, 4 CPUs, capped"),
                r.err());
        assertTrue(r.err().contains("running the command on head as scientist"), r.err());
        for (String name : List.of("head", "compute-1", "compute-2")) {
            Matcher m = Pattern.compile("==> " + name + " is ready after ([0-9.]+) s").matcher(r.err());
            assertTrue(m.find(), r.err());
        }
    }

    @Test
    void aMissingWorkingDirectoryIsTheGuestShellsErrorWithItsExitCode() throws Exception {
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(40), "run", "climate.vse", "--env", "climate.model",
                "--timeout", "500", "--workdir", "/no such dir", "--", "hostname");
        assertNotEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("/no such dir"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void aMachineThatIsNotReadyInTimeIsOneSentenceWithItsConsoleAndNothingIsStartedAfterIt() throws Exception {
        VseProcess.Result r = VseProcess.run(project, env, Duration.ofMinutes(40), "run", "climate.vse", "--machines", "climate.cluster",
                "--timeout", "5", "--", "hostname");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("vse run: head did not report VSE-READY within 5 s; "), r.err());
        assertTrue(!r.err().contains("==> Starting compute-1"), "the clients of a server that is not ready do not start: " + r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void sigtermWhileTheMachinesBootTearsThemDown() throws Exception {
        // the IDE's stop button destroys the vse run process: SIGTERM
        ProcessBuilder pb = VseProcess.builder(project, "run", "climate.vse", "--machines", "climate.cluster", "--timeout", "500", "--",
                "sleep", "600");
        pb.environment().putAll(env);
        Path errors = Files.createTempFile("vse-err", ".txt");
        pb.redirectError(errors.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (!Files.readString(errors).contains("==> Starting head") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(3000);
            assertTrue(p.isAlive(), Files.readString(errors));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "vse run ends on SIGTERM");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    private static int index(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
