package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/**
 * Two cold builds of one lock give the same image digest, and a build killed with SIGKILL
 * at any point leaves nothing that stops the next build from giving that digest again. A
 * small environment (the required base, one package, a copy, a command, an account) keeps
 * this quick; the climate model's image is built in {@link VseBuildTest}.
 */
class VseBuildReproducibleTest {

    private static final String TINY = """
            environment tiny.env {
                distribution debian bookworm
                architecture amd64
                repositories from host
                packages { hello }
                files {
                    copy "data/" to "/opt/data/"
                    edit "/etc/issue" append "Built by VSE Studio"
                }
                user alice uid 1001
                run "hello > /opt/data/greeting"
            }
            """;

    private static Path project;
    private static Path caches;

    @BeforeAll
    static void writeProject() throws IOException {
        project = Files.createTempDirectory("vse-tiny");
        caches = Files.createTempDirectory("vse-caches");
        Files.writeString(project.resolve("tiny.vse"), TINY);
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/input.txt"), "some input\n");
    }

    @AfterAll
    static void removeAll() throws Exception {
        for (Path p : new Path[] {project, caches}) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).start().waitFor();
        }
    }

    private static String digest(String cacheName, String out) throws Exception {
        VseProcess.Result r = VseProcess.run(project, Map.of("XDG_CACHE_HOME", caches.resolve(cacheName).toString()), Duration.ofMinutes(10),
                "build", "tiny.vse", "--out", out, "--json");
        assertEquals(0, r.exit(), () -> r.out() + r.err());
        return JsonParser.parseString(r.out()).getAsJsonObject().get("digest").getAsString();
    }

    @Test
    void twoColdBuildsGiveTheSameDigestAndKilledBuildsLeaveNothingInTheWay() throws Exception {
        long t0 = System.nanoTime();
        String first = digest("first", "out-1");
        System.out.printf("tiny image, cold build: %.1f s, %s%n", (System.nanoTime() - t0) / 1e9, first);
        String second = digest("second", "out-2");
        assertEquals(first, second, "two cold builds of the same lock, each with an empty cache");
        assertEquals(Files.readString(project.resolve("out-1/disk.qcow2").resolveSibling("manifest.json")).contains(first), true);

        // kill builds with SIGKILL at several points, each time in the same cache, then build once more
        Map<String, String> env = Map.of("XDG_CACHE_HOME", caches.resolve("killed").toString());
        for (String when : List.of("I: downloading packages", "VSE-STEP packages", "VSE-STEP 2", "==> Making the ext4",
                "==> Converting the disk")) {
            killWhen(env, when);
        }
        String afterKills = digest("killed", "out-3");
        assertEquals(first, afterKills, "the build after the killed ones gives the same image");
        Path cache = caches.resolve("killed/vse-studio/images");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> work = Files.list(cache.resolve("work"))) {
                if (work.count() == 0) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        try (Stream<Path> work = Files.list(cache.resolve("work"))) {
            assertEquals(0, work.count(), "no work folder is left (they are removed in the background after a build)");
        }
        String mounts = Files.readString(Path.of("/proc/mounts"));
        assertTrue(!mounts.contains(caches.toString()), "nothing stays mounted below the cache");
        assertTrue(Files.readString(project.resolve("out-1/manifest.json")).contains("\"packages\""));
    }

    @Test
    void aDisklessBuildAlsoMakesTheSharedReadOnlyRootAndThePrivatePart() throws Exception {
        VseProcess.Result r = VseProcess.run(project, Map.of("XDG_CACHE_HOME", caches.resolve("diskless").toString()), Duration.ofMinutes(10),
                "build", "tiny.vse", "--out", "out-diskless", "--diskless", "--json");
        assertEquals(0, r.exit(), () -> r.out() + r.err());
        var artifacts = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("artifacts");
        Path rootfs = Path.of(artifacts.get("rootfs").getAsString());
        Path priv = Path.of(artifacts.get("private").getAsString());
        String listing = tool(List.of("unsquashfs", "-l", rootfs.toString()));
        assertTrue(listing.contains("squashfs-root/opt/data/greeting"), "the shared root holds what the steps made");
        assertTrue(listing.contains("squashfs-root/usr/bin/hello"), "and the packages");
        String fsck = tool(List.of("e2fsck", "-fn", priv.toString()));
        assertTrue(fsck.contains("Pass 5") && !fsck.contains("Fix?"), fsck);
        String etc = tool(List.of("debugfs", "-R", "ls /etc", priv.toString()));
        assertTrue(etc.contains("passwd") && etc.contains("issue"), "the private part holds /etc: " + etc);
        assertTrue(tool(List.of("debugfs", "-R", "ls /var", priv.toString())).contains("lib"), "and /var");
        assertTrue(Files.size(priv) < Files.size(Path.of(artifacts.get("disk").getAsString())), "the private part is the small one");
    }

    private static String tool(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(2, TimeUnit.MINUTES);
        return out;
    }

    /** Starts a build and kills it with SIGKILL as soon as it prints {@code when}. */
    private static void killWhen(Map<String, String> env, String when) throws Exception {
        ProcessBuilder pb = VseProcess.builder(project, "build", "tiny.vse", "--out", "out-killed", "--verbose");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        boolean seen = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains(when)) {
                    seen = true;
                    Thread.sleep(300);
                    new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
                    break;
                }
            }
        }
        p.waitFor(1, TimeUnit.MINUTES);
        System.out.println("killed a build at '" + when + "': " + (seen ? "yes" : "the build finished first"));
    }
}
