package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real boot of the tiny image as a transient libvirt domain, on a libvirtd this fixture
 * starts (with virtlogd, each with a pid file, the daemon's socket in a folder of its own) and
 * stops afterwards, as docs/infrastructure.md describes.
 */
class LibvirtBootTest {

    private static Path dir;
    private static Process daemonStarter;
    private static String uri;

    @BeforeAll
    static void startLibvirtd() throws Exception {
        TinyImage.get();
        // QEMU runs as libvirt-qemu under qemu:///system: the folders on the way must be open to it
        dir = Files.createDirectories(TinyImage.target().resolve("lv-" + ProcessHandle.current().pid()));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("run"));
        long t0 = System.nanoTime();
        Files.writeString(dir.resolve("libvirtd.conf"), "unix_sock_dir = \"" + dir.resolve("run") + "\"\n");
        if (!Files.exists(Path.of("/run/libvirt/virtlogd-sock"))) { // else libvirtd uses the virtlogd that runs
            daemon("virtlogd", "--daemon", "--pid-file", dir.resolve("virtlogd.pid").toString());
        }
        daemon("libvirtd", "--daemon", "--pid-file", dir.resolve("libvirtd.pid").toString(), "--config", dir.resolve("libvirtd.conf").toString());
        Path socket = dir.resolve("run/libvirt-sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(Files.exists(socket), () -> "libvirtd did not open its socket: " + log());
        uri = "qemu:///system?socket=" + socket;
        System.out.printf("libvirtd: socket after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String log() {
        try {
            return String.join(" | ", Console.lastLines(dir.resolve("daemon.log"), 5));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void daemon(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LIBVIRT_LOG_OUTPUTS", "3:file:" + dir.resolve("daemon.log"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out + log());
    }

    @AfterAll
    static void stopLibvirtd() throws Exception {
        if (dir == null) {
            return;
        }
        for (String name : List.of("libvirtd", "virtlogd")) {
            Path pidFile = dir.resolve(name + ".pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        }
        Folders.delete(dir);
    }

    private static final String CHILD = """
            import java.nio.file.Path;
            import java.util.List;
            import java.util.Map;
            import org.vsestudio.vm.*;

            public class LvChild {
                public static void main(String[] a) throws Exception {
                    Registry r = new Registry(Path.of(a[0]));
                    new LibvirtHypervisor(a[6], r).start(new MachineSpec("lv-child", Path.of(a[1]), Path.of(a[2]), Path.of(a[3]), a[4],
                            256, 1, List.of(MachineSpec.Nic.user(null)), Map.of(), Path.of(a[5]), null), Progress.NONE);
                    System.out.println("started");
                    System.out.flush();
                    Thread.sleep(600_000);
                }
            }
            """;

    /** A JVM killed with SIGKILL: the watchdog destroys its transient domain and removes its files. */
    @Test
    void aJvmKilledWithSigkillStillTakesItsDomainAlong() throws Exception {
        TinyImage.Built image = TinyImage.get();
        Registry registry = new Registry(dir.resolve("registry-kill"));
        Path childWork = Files.createDirectories(dir.resolve("child-work"));
        Path source = dir.resolve("LvChild.java");
        Files.writeString(source, CHILD);
        List<String> c = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(java.io.File.pathSeparator, org.vsestudio.launch.HeadlessClasspath.of(
                        org.osgi.framework.FrameworkUtil.getBundle(QemuHypervisor.class))),
                source.toString(), registry.folder().toString(), image.disk().toString(), image.kernel().toString(), image.initrd().toString(),
                image.commandLine(), childWork.toString(), uri));
        Process child = new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("started", line, "the child JVM started a domain");
            assertTrue(LibvirtHypervisor.domainExists(uri, "vse-lv-child"));
            new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && (LibvirtHypervisor.domainExists(uri, "vse-lv-child") || registry.get("lv-child") != null)) {
                Thread.sleep(200);
            }
            assertFalse(LibvirtHypervisor.domainExists(uri, "vse-lv-child"), "the killed JVM's domain is gone");
            assertNull(registry.get("lv-child"), "its registry entry is gone");
            try (java.util.stream.Stream<Path> left = Files.list(childWork)) {
                assertEquals(List.of(), left.toList(), "its folder is gone");
            }
        } finally {
            child.destroyForcibly();
            if (LibvirtHypervisor.domainExists(uri, "vse-lv-child")) {
                new ProcessBuilder("virsh", "-c", uri, "destroy", "vse-lv-child").start().waitFor();
            }
        }
    }

    @Test
    void bootsATransientDomainToReadinessPausesStopsAndLeavesNothing() throws Exception {
        TinyImage.Built image = TinyImage.get();
        Registry registry = new Registry(dir.resolve("registry"));
        LibvirtHypervisor libvirt = new LibvirtHypervisor(uri, registry);
        assertNull(libvirt.unavailableBecause());
        MachineSpec spec = new MachineSpec("lv-one", image.disk(), image.kernel(), image.initrd(), image.commandLine(), 512, 2,
                List.of(MachineSpec.Nic.user(null)), Map.of("hostname", "libvirt-one".getBytes(StandardCharsets.UTF_8)),
                dir.resolve("work"), image.digest());
        long t0 = System.nanoTime();
        Machine m = libvirt.start(spec, Progress.NONE);
        System.out.printf("libvirt: the domain was created in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Path folder = m.consoleLog().getParent();
        try {
            String ready = m.awaitReady(Duration.ofMinutes(4));
            System.out.printf("libvirt (%s): start to '%s' in %.1f s%n", uri, ready, (System.nanoTime() - t0) / 1e9);
            assertTrue(ready.startsWith("VSE-READY libvirt-one "), ready);
            assertTrue(Registry.alive(registry.get("lv-one")));
            m.pause();
            assertEquals(Machine.State.PAUSED, m.state());
            m.resume();
            assertEquals(Machine.State.RUNNING, m.state());
            long s0 = System.nanoTime();
            m.snapshot("s1");
            System.out.printf("libvirt: snapshot in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            s0 = System.nanoTime();
            m.restore("s1");
            System.out.printf("libvirt: restore in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            assertEquals(Machine.State.RUNNING, m.state());
            // suspend to a file (virDomainSave) and restore (virDomainRestore)
            Path state = dir.resolve("lv-one.vmstate");
            s0 = System.nanoTime();
            m.suspend(state);
            System.out.printf("libvirt: suspended to a file of %d MiB in %.1f s%n", Files.size(state) >> 20, (System.nanoTime() - s0) / 1e9);
            assertFalse(LibvirtHypervisor.domainExists(uri, "vse-lv-one"), "a suspended domain does not run");
            assertEquals(state, Registry.suspendFile(registry.get("lv-one")));
            assertEquals(List.of(), registry.clean(), "a suspended machine is not stale");
            s0 = System.nanoTime();
            Machine back = new QemuHypervisor(registry).resumeFrom(state, Progress.NONE);
            System.out.printf("libvirt: restored from the file in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            assertEquals(Machine.State.RUNNING, back.state());
            assertFalse(Files.exists(state));
            IOException unreachable = assertThrows(IOException.class, () -> back.migrate("qemu:///system?socket=" + dir.resolve("none")));
            assertTrue(unreachable.getMessage().startsWith("libvirt cannot connect to qemu:///system?socket="), unreachable.getMessage());
            long p0 = System.nanoTime();
            boolean off = back.stop(Duration.ofSeconds(90));
            assertTrue(off, () -> "the guest powers off on ACPI's request" + Console.tail(back.consoleLog()));
            System.out.printf("libvirt: ACPI power-off in %.1f s%n", (System.nanoTime() - p0) / 1e9);
            assertEquals(Machine.State.STOPPED, back.state());
            back.close();
            assertFalse(LibvirtHypervisor.domainExists(uri, "vse-lv-one"), "the transient domain is gone");
        } finally {
            m.close();
        }
        assertFalse(Files.exists(folder));
        assertNull(registry.get("lv-one"));
    }
}
