package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real machines of a real image under QEMU (TCG on this host): readiness with the host name
 * handed through the firmware configuration, SSH with the keys handed the same way, pause and
 * resume, snapshot and restore, control from "another process" through the registry, ACPI
 * power-off, and nothing left afterwards; a readiness timeout, a killed QEMU and a cancelled
 * start leave nothing either.
 */
class QemuBootTest {

    private static TinyImage.Built image;
    private static Path work;
    private static Registry registry;
    private static QemuHypervisor qemu;
    private static Path keys;

    @BeforeAll
    static void buildImage() throws Exception {
        image = TinyImage.get();
        work = Files.createTempDirectory(TinyImage.target(), "vms");
        registry = new Registry(work.resolve("registry"));
        qemu = new QemuHypervisor(registry);
        assertNull(qemu.unavailableBecause());
        keys = Files.createDirectories(work.resolve("keys"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vse-test", "-f", keys.resolve("id").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vse-host", "-f", keys.resolve("host").toString());
    }

    @AfterAll
    static void removeWork() throws Exception {
        if (work != null) {
            Folders.delete(work);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
        return out;
    }

    private static MachineSpec spec(String name, Map<String, byte[]> items) {
        return new MachineSpec(name, image.disk(), image.kernel(), image.initrd(), image.commandLine(), 512, 2,
                List.of(MachineSpec.Nic.user(null)), items, work, image.digest());
    }

    /** Runs {@code vse vm --registry REGISTRY ARGS} in this JVM; returns its output (and fails on a non-zero exit). */
    private static String vse(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("vm", "--registry", registry.folder().toString()));
        all.addAll(List.of(args));
        int exit = new org.vsestudio.cli.Vse().run(all.toArray(String[]::new), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, () -> out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs a command in the guest over SSH, retrying while sshd is not up yet. */
    private static String ssh(Machine m, String command) throws Exception {
        Path knownHosts = keys.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + m.ssh().port() + " " + Files.readString(keys.resolve("host.pub")));
        List<String> c = List.of("ssh", "-i", keys.resolve("id").toString(), "-p", Integer.toString(m.ssh().port()), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=20", "-o",
                "LogLevel=ERROR", "root@127.0.0.1", command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String out = "";
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (p.exitValue() == 0) {
                return out.strip();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("ssh " + command + " kept failing: " + out);
    }

    @Test
    void bootsToReadinessWithTheHandedNameAndKeysPausesSnapshotsAndLeavesNothing() throws Exception {
        Map<String, byte[]> items = new LinkedHashMap<>();
        items.put("hostname", "sandbox-one".getBytes(StandardCharsets.UTF_8));
        items.put("authorized_keys", Files.readAllBytes(keys.resolve("id.pub")));
        items.put("ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("host")));
        items.put("ssh_host_ed25519_key.pub", Files.readAllBytes(keys.resolve("host.pub")));
        List<String> tasks = new ArrayList<>();
        long t0 = System.nanoTime();
        Machine m = qemu.start(spec("one", items), new Progress() {
            @Override
            public void task(String name) {
                tasks.add(name);
            }
        });
        long pid;
        Path folder;
        Path socket;
        try {
            assertEquals("qemu", m.backend());
            assertTrue(tasks.stream().anyMatch(t -> t.startsWith("Booting one")), tasks.toString());
            QemuMachine q = (QemuMachine) m;
            pid = q.pid();
            folder = q.folder();
            socket = q.controlSocket();
            assertTrue(Files.exists(folder.resolve("overlay.qcow2")));
            String ready = m.awaitReady(Duration.ofMinutes(4));
            double boot = (System.nanoTime() - t0) / 1e9;
            System.out.printf("qemu (%s): start to '%s' in %.1f s%n", qemu.accelerator(), ready, boot);
            assertTrue(ready.startsWith("VSE-READY sandbox-one "), ready);
            assertTrue(ready.endsWith("tiny.vm"), ready);
            assertEquals(Machine.State.RUNNING, m.state());
            assertTrue(m.uptime().toSeconds() > 0);

            // SSH with the handed keys: the guest's host key is the one the host made
            assertEquals("sandbox-one", ssh(m, "hostname"));
            System.out.printf("qemu: SSH answered %.1f s after start%n", (System.nanoTime() - t0) / 1e9);

            // the registry: listed as alive, controllable by another process
            Registry other = new Registry(registry.folder());
            Registry.Listed listed = other.list().stream().filter(l -> l.entry().name().equals("one")).findFirst().orElseThrow();
            assertTrue(listed.alive());
            assertEquals(pid, listed.entry().pid());
            assertEquals(m.ssh().port(), listed.entry().sshPort());
            assertEquals(image.digest(), listed.entry().imageDigest());
            String list = vse("list");
            assertTrue(list.matches("(?s).*\\none +qemu +running .*127\\.0\\.0\\.1:" + m.ssh().port() + ".*"), list);
            Machine attached = new QemuHypervisor(other).attach(listed.entry());
            attached.pause();
            assertEquals(Machine.State.PAUSED, m.state());
            assertEquals(Machine.State.PAUSED, attached.state());
            m.resume();
            assertEquals(Machine.State.RUNNING, attached.state());
            IOException twice = assertThrows(IOException.class, () -> qemu.start(spec("one", Map.of()), Progress.NONE));
            assertTrue(twice.getMessage().contains("already running"), twice.getMessage());

            // snapshot and restore: a change made after the snapshot is gone after the restore
            ssh(m, "echo before > /root/mark && sync");
            long s0 = System.nanoTime();
            m.snapshot("s1");
            System.out.printf("qemu: savevm in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            ssh(m, "echo after > /root/mark && sync");
            assertEquals("after", ssh(m, "cat /root/mark"));
            s0 = System.nanoTime();
            m.restore("s1");
            System.out.printf("qemu: loadvm in %.1f s%n", (System.nanoTime() - s0) / 1e9);
            assertEquals("before", ssh(m, "cat /root/mark"));
            IOException missing = assertThrows(IOException.class, () -> m.restore("nosuch"));
            assertTrue(missing.getMessage().contains("nosuch"), missing.getMessage());
            assertEquals(Machine.State.RUNNING, m.state(), "a failed restore leaves the machine running");

            // ACPI power-off
            long p0 = System.nanoTime();
            boolean off = m.stop(Duration.ofSeconds(90));
            assertTrue(off, () -> "the guest powers off on ACPI's request" + Console.tail(m.consoleLog()));
            System.out.printf("qemu: ACPI power-off in %.1f s%n", (System.nanoTime() - p0) / 1e9);
            assertEquals(Machine.State.STOPPED, m.state());
        } finally {
            m.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU is gone");
        assertFalse(Files.exists(folder), "the overlay, console and sockets are gone");
        assertFalse(Files.exists(socket));
        assertNull(registry.get("one"));
        m.close(); // twice is fine
    }

    @Test
    void aReadinessTimeoutQuotesTheConsoleAndAKilledQemuIsNoticed() throws Exception {
        Machine m = qemu.start(spec("slow", Map.of("hostname", "slow".getBytes(StandardCharsets.UTF_8))), Progress.NONE);
        QemuMachine q = (QemuMachine) m;
        Path folder = q.folder();
        try {
            NotReadyException late = assertThrows(NotReadyException.class, () -> m.awaitReady(Duration.ofSeconds(6)));
            System.out.println("timeout: " + late.getMessage());
            assertTrue(late.getMessage().startsWith("slow did not report VSE-READY within 6 s; the last lines of its console: "),
                    late.getMessage());
            assertTrue(late.getMessage().contains("Linux") || late.getMessage().contains("["), late.getMessage());

            run("kill", "-KILL", Long.toString(q.pid()));
            long t0 = System.nanoTime();
            NotReadyException gone = assertThrows(NotReadyException.class, () -> m.awaitReady(Duration.ofMinutes(3)));
            assertTrue((System.nanoTime() - t0) / 1e9 < 10, "noticed at once");
            assertTrue(gone.getMessage().contains("ended unexpectedly") && gone.getMessage().contains("signal 9"), gone.getMessage());
            assertEquals(Machine.State.LOST, m.state());
            IOException pause = assertThrows(IOException.class, m::pause);
            assertTrue(pause.getMessage().contains("not running"), pause.getMessage());
            // another process sees a stale entry and cleans it
            Registry other = new Registry(registry.folder());
            assertFalse(other.list().stream().filter(l -> l.entry().name().equals("slow")).findFirst().orElseThrow().alive());
            assertTrue(vse("list").matches("(?s).*\\nslow +qemu +stale .*"), vse("list"));
            assertTrue(vse("clean").contains("Removed 1 stale machine: slow."));
            assertFalse(Files.exists(folder), "vse vm clean removes the machine's files");
        } finally {
            m.close();
        }
        assertFalse(Files.exists(folder));
        assertNull(registry.get("slow"));
    }

    /** Two machines of one launch on a private network (multicast over loopback): one reaches the other's SSH port by name. */
    @Test
    void twoMachinesShareAPrivateNetwork() throws Exception {
        MachineSpec.PrivateNetwork net = MachineSpec.PrivateNetwork.forLaunch("test-" + ProcessHandle.current().pid());
        List<Machine> machines = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                String mac = "52:54:00:77:00:0" + i;
                Map<String, byte[]> items = new LinkedHashMap<>();
                items.put("hostname", ("node-" + i).getBytes(StandardCharsets.UTF_8));
                items.put("hosts", "10.77.0.1 node-1\n10.77.0.2 node-2\n".getBytes(StandardCharsets.UTF_8));
                items.put("network", ("[Match]\nMACAddress=" + mac + "\n\n[Network]\nAddress=10.77.0." + i + "/24\n").getBytes(StandardCharsets.UTF_8));
                items.put("authorized_keys", Files.readAllBytes(keys.resolve("id.pub")));
                items.put("ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("host")));
                items.put("ssh_host_ed25519_key.pub", Files.readAllBytes(keys.resolve("host.pub")));
                Machine m = qemu.start(new MachineSpec("node-" + i, image.disk(), image.kernel(), image.initrd(), image.commandLine(), 384, 1,
                        List.of(MachineSpec.Nic.user(null), MachineSpec.Nic.onPrivate(net, mac)), items, work, image.digest()), Progress.NONE);
                machines.add(m);
                folders.add(((QemuMachine) m).folder());
            }
            long t0 = System.nanoTime();
            for (Machine m : machines) {
                m.awaitReady(Duration.ofMinutes(4));
            }
            System.out.printf("qemu: two machines ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            assertEquals("SSH-2.0", ssh(machines.get(0), "timeout 10 bash -c 'exec 3<>/dev/tcp/node-2/22; head -c 7 <&3'"));
            assertEquals("SSH-2.0", ssh(machines.get(1), "timeout 10 bash -c 'exec 3<>/dev/tcp/node-1/22; head -c 7 <&3'"));
        } finally {
            for (Machine m : machines) {
                m.close();
            }
        }
        for (Path f : folders) {
            assertFalse(Files.exists(f));
        }
    }

    private static final String CHILD = """
            import java.nio.file.Path;
            import java.util.List;
            import java.util.Map;
            import org.vsestudio.vm.*;

            public class VmChild {
                public static void main(String[] a) throws Exception {
                    Registry r = new Registry(Path.of(a[0]));
                    Machine m = new QemuHypervisor(r).start(new MachineSpec("child", Path.of(a[1]), Path.of(a[2]), Path.of(a[3]), a[4],
                            256, 1, List.of(MachineSpec.Nic.user(null)), Map.of(), Path.of(a[5]), null), Progress.NONE);
                    System.out.println(r.get("child").pid());
                    System.out.flush();
                    Thread.sleep(600_000);
                }
            }
            """;

    /** A JVM that exits (here: SIGTERM) takes its machines with it: the shutdown hook kills QEMU and removes its files. */
    @Test
    void aDyingJvmKillsItsMachines() throws Exception {
        Path childWork = Files.createDirectories(work.resolve("child-work"));
        Path source = work.resolve("VmChild.java");
        Files.writeString(source, CHILD);
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(java.io.File.pathSeparator, org.vsestudio.launch.HeadlessClasspath.of(
                        org.osgi.framework.FrameworkUtil.getBundle(QemuHypervisor.class))),
                source.toString(), registry.folder().toString(), image.disk().toString(), image.kernel().toString(), image.initrd().toString(),
                image.commandLine(), childWork.toString()));
        Process child = new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertNotNull(line, "the child JVM started a machine");
            long qemuPid = Long.parseLong(line.strip());
            assertTrue(QemuHypervisor.isQemu(qemuPid));
            assertNotNull(registry.get("child"));
            child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertFalse(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), "the child's QEMU is gone");
            assertNull(registry.get("child"));
            try (Stream<Path> left = Files.list(childWork)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /**
     * A JVM killed with SIGKILL runs no shutdown hook: the watchdog companion notices that the
     * JVM's end of its pipe closed, kills the QEMU and removes its folder and registry entry.
     */
    @Test
    void aJvmKilledWithSigkillStillTakesItsMachineAlong() throws Exception {
        Path childWork = Files.createDirectories(work.resolve("child-kill-work"));
        Path source = work.resolve("VmChild.java");
        Files.writeString(source, CHILD);
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(java.io.File.pathSeparator, org.vsestudio.launch.HeadlessClasspath.of(
                        org.osgi.framework.FrameworkUtil.getBundle(QemuHypervisor.class))),
                source.toString(), registry.folder().toString(), image.disk().toString(), image.kernel().toString(), image.initrd().toString(),
                image.commandLine(), childWork.toString()));
        Process child = new ProcessBuilder(c).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long qemuPid = -1;
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertNotNull(line, "the child JVM started a machine");
            qemuPid = Long.parseLong(line.strip());
            assertTrue(QemuHypervisor.isQemu(qemuPid));
            assertNotNull(registry.get("child"));
            try (Stream<Path> left = Files.list(childWork)) {
                assertEquals(1, left.count(), "the machine's folder exists while it runs");
            }
            new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor(); // no shutdown hook runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            final long pid = qemuPid;
            while (System.nanoTime() < deadline && (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    || registry.get("child") != null || Files.list(childWork).findAny().isPresent())) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the killed JVM's QEMU is gone");
            assertNull(registry.get("child"), "its registry entry is gone");
            try (Stream<Path> left = Files.list(childWork)) {
                assertEquals(List.of(), left.toList(), "its folder is gone");
            }
        } finally {
            child.destroyForcibly();
            if (qemuPid > 0 && QemuHypervisor.isQemu(qemuPid)) {
                ProcessHandle.of(qemuPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aCancelledStartLeavesNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Progress cancelAfterOverlay = new Progress() {
            @Override
            public boolean isCanceled() {
                return calls.incrementAndGet() > 1;
            }
        };
        assertThrows(CancellationException.class, () -> qemu.start(spec("cancelled", Map.of()), cancelAfterOverlay));
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("cancelled")).toList());
        }
        assertNull(registry.get("cancelled"));
        assertNotNull(qemu.name());
    }
}
