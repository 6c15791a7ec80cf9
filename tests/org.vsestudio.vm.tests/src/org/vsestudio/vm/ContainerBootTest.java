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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container backend with the real systemd-nspawn: the tiny image's tree booted by its own
 * systemd, the handed name and keys applied, SSH over the container's veth with the handed
 * host key checked, pause/resume, the registry, power-off, and nothing left afterwards.
 */
class ContainerBootTest {

    private static TinyImage.Built image;
    private static Path work;
    private static Registry registry;
    private static ContainerHypervisor containers;
    private static Path keys;

    @BeforeAll
    static void setUp() throws Exception {
        image = TinyImage.get();
        work = Files.createTempDirectory(TinyImage.target(), "containers");
        registry = new Registry(work.resolve("registry"));
        containers = new ContainerHypervisor(registry, TinyImage.target().resolve("container-trees"));
        assertNull(containers.unavailableBecause());
        assertEquals(Hypervisor.Protection.MEDIUM, containers.protection());
        keys = Files.createDirectories(work.resolve("keys"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vse-test", "-f", keys.resolve("id").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vse-host", "-f", keys.resolve("host").toString());
    }

    @AfterAll
    static void removeWork() throws Exception {
        if (work != null) {
            ContainerHypervisor.removeTree(work);
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
        return out;
    }

    private static String ssh(Machine m, String command) throws Exception {
        Path knownHosts = keys.resolve("known_hosts");
        Files.writeString(knownHosts, m.ssh().host() + " " + Files.readString(keys.resolve("host.pub")));
        List<String> c = List.of("ssh", "-i", keys.resolve("id").toString(), "-p", Integer.toString(m.ssh().port()), "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=20", "-o",
                "LogLevel=ERROR", "root@" + m.ssh().host(), command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String out = "";
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (p.exitValue() == 0) {
                return out.strip();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ssh " + command + " kept failing: " + out);
    }

    private static boolean mountedBelow(Path folder) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(folder.toString()));
    }

    @Test
    void bootsWithTheHandedNameAndKeysPausesAndLeavesNothing() throws Exception {
        Map<String, byte[]> items = new LinkedHashMap<>();
        items.put("hostname", "box-one".getBytes(StandardCharsets.UTF_8));
        items.put("authorized_keys", Files.readAllBytes(keys.resolve("id.pub")));
        items.put("ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("host")));
        items.put("ssh_host_ed25519_key.pub", Files.readAllBytes(keys.resolve("host.pub")));
        MachineSpec spec = new MachineSpec("cone", image.disk(), null, null, "", 512, 1, List.of(MachineSpec.Nic.user(null)), items, work,
                image.digest());
        List<String> tasks = new ArrayList<>();
        long t0 = System.nanoTime();
        Machine m = containers.start(spec, new Progress() {
            @Override
            public void task(String name) {
                tasks.add(name);
            }
        });
        ContainerMachine c = (ContainerMachine) m;
        long pid = c.pid();
        Path folder = c.folder();
        String hostIf = c.hostInterface();
        Path tree = containers.cache().resolve(image.digest().replaceFirst("^sha256:", ""));
        try {
            System.out.printf("container: started in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, tasks);
            assertEquals("container", m.backend());
            String ready = m.awaitReady(Duration.ofMinutes(5));
            System.out.printf("container: start to '%s' in %.1f s%n", ready, (System.nanoTime() - t0) / 1e9);
            assertTrue(ready.startsWith("VSE-READY box-one "), ready);
            assertTrue(ready.endsWith("tiny.vm"), ready);
            assertEquals(Machine.State.RUNNING, m.state());
            assertTrue(m.ssh().host().startsWith("169.254."), m.ssh().toString());

            // the handed name, keys; the image's tree is not written, the container's writes stay its own
            assertEquals("box-one", ssh(m, "hostname"));
            System.out.printf("container: SSH answered %.1f s after start%n", (System.nanoTime() - t0) / 1e9);
            ssh(m, "echo mine > /etc/vse-mark");
            assertEquals("mine", ssh(m, "cat /etc/vse-mark"));
            assertFalse(Files.exists(tree.resolve("etc/vse-mark")));
            assertTrue(Files.isDirectory(tree.resolve("usr")));
            assertFalse(mountedBelow(tree), "nothing of the container is mounted on the host");

            // the registry: alive, controllable through attach from another Registry
            Registry other = new Registry(registry.folder());
            Registry.Listed listed = other.list().stream().filter(l -> l.entry().name().equals("cone")).findFirst().orElseThrow();
            assertTrue(listed.alive());
            assertEquals("container", listed.entry().backend());
            assertEquals(pid, listed.entry().pid());
            Machine attached = other.attach(listed.entry());
            attached.pause();
            assertEquals(Machine.State.PAUSED, m.state());
            m.resume();
            assertEquals(Machine.State.RUNNING, attached.state());
            assertEquals("box-one", ssh(m, "hostname"));

            IOException noSnapshot = assertThrows(IOException.class, () -> m.snapshot("s1"));
            assertEquals("The container backend cannot take snapshots; use --backend qemu or libvirt.", noSnapshot.getMessage());

            long t1 = System.nanoTime();
            assertTrue(m.stop(Duration.ofSeconds(60)), "the container's systemd powered off");
            System.out.printf("container: power-off in %.1f s%n", (System.nanoTime() - t1) / 1e9);
            assertEquals(Machine.State.STOPPED, m.state());
        } finally {
            m.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "systemd-nspawn is gone");
        assertFalse(Files.exists(folder), "the container's folder is gone");
        assertFalse(mountedBelow(folder));
        assertFalse(Files.exists(Path.of("/sys/class/net", hostIf)), "its network interface is gone");
        assertNull(registry.get("cone"));
        m.close(); // twice is harmless
    }

    @Test
    void aKilledContainerIsDestroyedAndCleanedUp() throws Exception {
        MachineSpec spec = new MachineSpec("ctwo", image.disk(), null, null, "", 512, 1, List.of(), Map.of("hostname",
                "box-two".getBytes(StandardCharsets.UTF_8)), work, image.digest());
        Machine m = containers.start(spec, new Progress() {
        });
        ContainerMachine c = (ContainerMachine) m;
        long pid = c.pid();
        long leader = c.leader();
        try {
            assertTrue(m.awaitReady(Duration.ofMinutes(5)).startsWith("VSE-READY box-two "));
            assertNull(m.ssh());
            m.destroy();
            assertEquals(Machine.State.STOPPED, m.state());
            assertThrows(IOException.class, m::pause, "a destroyed container cannot be paused");
        } finally {
            m.close();
        }
        assertFalse(ProcessHandle.of(pid).isPresent() && ProcessHandle.of(pid).get().isAlive());
        assertFalse(ProcessHandle.of(leader).isPresent() && ProcessHandle.of(leader).get().isAlive(), "the container's init is gone");
        assertNull(registry.get("ctwo"));
    }
}
