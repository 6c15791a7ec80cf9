package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code vse build} on a copy of the examples, as a user runs it, with the real tools
 * (mmdebstrap, mkfs.ext4, qemu-img) and a cache of its own that starts empty: the climate
 * model's image is built cold, boots under QEMU to the readiness report, is up to date at
 * once when nothing changed, rebuilds only from the package layer when a package is added,
 * and a failing {@code run} step names its line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VseBuildTest {

    private static final Duration BUILD_LIMIT = Duration.ofMinutes(15);

    private static Path project;
    private static Path cache;
    private static Map<String, String> env;
    private static String coldDigest;
    private static double coldSeconds;

    @BeforeAll
    static void copyExamples() throws IOException {
        project = Files.createTempDirectory("vse-build");
        cache = Files.createTempDirectory("vse-cache");
        env = Map.of("XDG_CACHE_HOME", cache.toString());
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
        for (Path p : new Path[] {project, cache}) {
            new ProcessBuilder("rm", "-rf", "--one-file-system", p.toString()).start().waitFor();
        }
    }

    private static JsonObject build(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("build", "climate.vse", "--json"));
        args.addAll(List.of(extra));
        VseProcess.Result r = VseProcess.run(project, env, BUILD_LIMIT, args.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> "vse build failed:\n" + r.out() + "\n" + tail(r.err()));
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }

    @Test
    @Order(1)
    void coldBuildOfTheClimateModelBootsAndHasWhatItsStepsMade() throws Exception {
        long t0 = System.nanoTime();
        JsonObject built = build();
        coldSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("vse build climate.vse, cold: %.1f s%n", coldSeconds);
        coldDigest = built.get("digest").getAsString();
        assertTrue(coldDigest.matches("sha256:[0-9a-f]{64}"), coldDigest);
        JsonObject artifacts = built.getAsJsonObject("artifacts");
        Path folder = project.resolve("build/climate.model");
        assertEquals(folder.toString(), built.get("folder").getAsString());
        for (String role : List.of("disk", "kernel", "initrd", "sbom", "manifest", "lock")) {
            assertTrue(Files.size(Path.of(artifacts.get(role).getAsString())) > 0, role);
        }
        assertTrue(Files.isRegularFile(project.resolve("climate.model.vse.lock")), "the lock is written beside the file");

        // the manifest and the SBOM describe the image
        JsonObject manifest = JsonParser.parseString(Files.readString(folder.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(coldDigest, manifest.get("digest").getAsString());
        int packages = manifest.get("packages").getAsInt();
        long locked = Files.readAllLines(project.resolve("climate.model.vse.lock")).stream().filter(l -> l.startsWith("package ")).count();
        assertEquals(locked, packages);
        assertTrue(manifest.getAsJsonObject("tools").get("mmdebstrap").getAsString().contains("mmdebstrap"));
        JsonObject sbom = JsonParser.parseString(Files.readString(folder.resolve("sbom.cdx.json"))).getAsJsonObject();
        assertEquals("CycloneDX", sbom.get("bomFormat").getAsString());
        assertEquals(locked, sbom.getAsJsonArray("components").size());
        assertTrue(sbom.toString().contains("pkg:deb/debian/openmpi-bin@"), "SBOM names openmpi-bin by its package URL");

        // what the steps made is in the root file system
        Path raw = project.resolve("root.raw");
        run(List.of("qemu-img", "convert", "-f", "qcow2", "-O", "raw", folder.resolve("disk.qcow2").toString(), raw.toString()));
        try {
            String fsck = run(List.of("e2fsck", "-fn", raw.toString()));
            assertTrue(fsck.contains("Pass 5") && !fsck.contains("Fix?"), () -> "the file system is consistent:\n" + fsck);
            assertTrue(debugfs(raw, "stat /opt/model/hello").contains("Type: regular"), "the make step built /opt/model/hello");
            assertTrue(debugfs(raw, "stat /usr/local/bin/hello-mpi").contains("Type: symlink"));
            assertTrue(debugfs(raw, "stat /etc/motd").contains("File not found"), "/etc/motd is deleted");
            assertTrue(debugfs(raw, "cat /etc/security/limits.conf").strip().endsWith("* soft memlock unlimited"));
            assertTrue(debugfs(raw, "cat /etc/passwd").contains("scientist:x:1000:"), "the user account exists");
            assertFalse(debugfs(raw, "ls /etc/ssh").contains("ssh_host_ed25519_key"), "no SSH host key ships in the image");
            assertTrue(debugfs(raw, "cat /etc/machine-id").isBlank(), "no machine id ships in the image");
        } finally {
            Files.deleteIfExists(raw);
        }

        // and it boots, under QEMU, to the readiness report on its serial console
        String console = boot(folder, built.get("kernelCommandLine").getAsString());
        assertTrue(console.contains("VSE-READY"), () -> "no readiness report on the console; its last lines:\n" + tail(console));
        assertTrue(console.contains("climate.model"), "the report names the image");
        assertTrue(console.contains("this machine's SSH host keys."), "the machine made its own SSH host keys at first boot");
        assertFalse(console.contains("FAILED"), () -> "no unit failed to start:\n" + tail(console));
    }

    @Test
    @Order(2)
    void unchangedRebuildIsUpToDateAtOnce() throws Exception {
        long t0 = System.nanoTime();
        JsonObject again = build();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("vse build climate.vse, unchanged: %.2f s (whole command)%n", seconds);
        assertTrue(again.get("upToDate").getAsBoolean());
        assertEquals(coldDigest, again.get("digest").getAsString());
    }

    @Test
    @Order(3)
    void addingOnePackageRebuildsFromTheCachedPackageLayer() throws Exception {
        Path file = project.resolve("climate.vse");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("packages += { htop = 3.2.2-2 }", "packages += { htop = 3.2.2-2  tree }"));
        long t0 = System.nanoTime();
        JsonObject built = build();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("vse build climate.vse, one package added: %.1f s = %.2f of the cold build%n", seconds, seconds / coldSeconds);
        assertFalse(built.get("upToDate").getAsBoolean());
        assertNotEquals(coldDigest, built.get("digest").getAsString());
        String layers = built.getAsJsonArray("layers").toString();
        assertTrue(layers.contains("built on "), () -> "the package layer is built on the cached one: " + layers);
        assertTrue(Files.readString(project.resolve("climate.model.vse.lock")).contains("package tree "), "the lock has the new package");
    }

    @Test
    @Order(4)
    void aFailingRunStepNamesItsLineAndItsOutputAndCachesNothing() throws Exception {
        Path file = project.resolve("climate.vse");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = lines.indexOf("    run \"make -C /opt/model\"");
        assertTrue(at > 0);
        lines.add(at + 1, "    run \"echo checking the model; ls /opt/model/missing-input\"");
        Files.write(file, lines);
        long imagesBefore = count(cache.resolve("vse-studio/images/images"));
        VseProcess.Result r = VseProcess.run(project, env, BUILD_LIMIT, "build", "climate.vse");
        assertEquals(1, r.exit(), r.err());
        String err = r.err();
        assertTrue(err.contains("climate.vse:" + (at + 2)), () -> "names the step's line " + (at + 2) + ":\n" + tail(err));
        assertTrue(err.contains("checking the model"), () -> "shows the step's output:\n" + tail(err));
        assertTrue(err.contains("No such file or directory"), () -> "shows the step's error:\n" + tail(err));
        assertFalse(err.contains("Exception"), "no stack trace");
        assertEquals(imagesBefore, count(cache.resolve("vse-studio/images/images")), "nothing is cached for the failed build");
        // work folders are removed in the background once a build is over
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count(cache.resolve("vse-studio/images/work")) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, count(cache.resolve("vse-studio/images/work")), "no work is left behind");
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /** @return what debugfs answers, without its version banner */
    private static String debugfs(Path raw, String request) throws Exception {
        return run(List.of("debugfs", "-R", request, raw.toString())).lines().filter(l -> !l.startsWith("debugfs 1."))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return out;
    }

    /** Boots the image from a copy-on-write overlay, direct kernel boot under TCG; returns the console. */
    static String boot(Path folder, String commandLine) throws Exception {
        Path dir = Files.createTempDirectory("vse-boot");
        Path overlay = dir.resolve("overlay.qcow2");
        Path console = dir.resolve("console.log");
        run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", folder.resolve("disk.qcow2").toString(), "-F", "qcow2", overlay.toString()));
        Process qemu = new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "max", "-m", "1024", "-smp", "2",
                "-display", "none", "-monitor", "none", "-no-reboot", "-serial", "file:" + console, "-kernel",
                folder.resolve("vmlinuz").toString(), "-initrd", folder.resolve("initrd.img").toString(), "-append", commandLine, "-drive",
                "file=" + overlay + ",if=virtio,format=qcow2", "-nic", "user,model=virtio-net-pci").redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.log").toFile()).start();
        long t0 = System.nanoTime();
        try {
            long deadline = t0 + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline && qemu.isAlive()) {
                if (Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1).contains("VSE-READY")) {
                    System.out.printf("QEMU (TCG) boot to the readiness report: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                    break;
                }
                Thread.sleep(500);
            }
            return Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1)
                    : Files.readString(dir.resolve("qemu.log"));
        } finally {
            qemu.destroyForcibly().waitFor();
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }
}
