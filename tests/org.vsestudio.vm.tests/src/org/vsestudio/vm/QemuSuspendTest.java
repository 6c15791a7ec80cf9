package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serial console and suspend-to-a-file of a real machine of the tiny image under QEMU:
 * typing into the console socket reaches the guest's getty (and its answer is in the log
 * too); a machine suspended to a file keeps its overlay and entry (shown as suspended, not
 * cleaned as stale), and restored from the file it continues — the guest does not boot
 * again (one VSE-READY in the console), QMP says running, the getty still answers — and
 * closing it leaves nothing.
 */
class QemuSuspendTest {

    private static TinyImage.Built image;
    private static Path work;
    private static Registry registry;
    private static QemuHypervisor qemu;

    @BeforeAll
    static void buildImage() throws Exception {
        image = TinyImage.get();
        work = Files.createTempDirectory(TinyImage.target(), "suspend");
        registry = new Registry(work.resolve("registry"));
        qemu = new QemuHypervisor(registry);
    }

    @AfterAll
    static void removeWork() throws Exception {
        if (work != null) {
            Folders.delete(work);
        }
    }

    /** Types a return into the console socket and waits for the getty's login prompt; returns what came back. */
    private static String login(Path socket) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long nextReturn = 0;
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() > nextReturn) {
                    ch.write(ByteBuffer.wrap("\r".getBytes(StandardCharsets.US_ASCII)));
                    nextReturn = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                int n = ch.read(buf.clear());
                if (n > 0) {
                    seen.append(new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
                    if (seen.indexOf("login:") >= 0) {
                        return seen.toString();
                    }
                } else {
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("no login prompt on the serial console within 120 s; it showed: " + seen);
        }
    }

    private static long readyLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> l.contains("VSE-READY")).count();
    }

    @Test
    void theConsoleTakesInputAndASuspendedMachineContinuesFromItsFile() throws Exception {
        MachineSpec spec = new MachineSpec("sleeper", image.disk(), image.kernel(), image.initrd(), image.commandLine(), 512, 1,
                List.of(MachineSpec.Nic.user(null)), Map.of("hostname", "sleeper".getBytes(StandardCharsets.UTF_8)), work.resolve("machines"),
                image.digest());
        Path state = work.resolve("sleeper.vmstate");
        Machine m = qemu.start(spec, Progress.NONE);
        Path folder = registry.get("sleeper").folder();
        Machine restored = null;
        try {
            m.awaitReady(Duration.ofSeconds(300));
            Path socket = m.consoleSocket();
            assertNotNull(socket, "a QEMU machine's console has a socket");
            String answer = login(socket);
            assertTrue(answer.contains("login:"), answer);
            long t0 = System.nanoTime();
            Thread.sleep(500);
            assertTrue(Files.readString(m.consoleLog(), StandardCharsets.ISO_8859_1).contains("login:"), "the log has what the socket showed");

            assertThrows(UnsupportedOperationException.class, () -> m.migrate("qemu:///session"));

            m.suspend(state);
            System.out.printf("qemu: suspended to a file of %d MiB in %.1f s%n", Files.size(state) >> 20, (System.nanoTime() - t0) / 1e9);
            long oldPid = ((QemuMachine) m).pid();
            assertFalse(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false), "the suspended QEMU ended");
            Registry.Entry entry = registry.get("sleeper");
            assertNotNull(entry, "a suspended machine keeps its entry");
            assertEquals(state.toAbsolutePath(), Registry.suspendFile(entry));
            assertFalse(registry.list().get(0).alive());
            assertEquals(List.of(), registry.clean(), "a suspended machine is not stale");
            assertTrue(Files.exists(folder.resolve("overlay.qcow2")), "a suspended machine keeps its overlay");
            m.close(); // the process that suspended it ends: the machine stays suspended
            assertTrue(Files.exists(folder.resolve("overlay.qcow2")));
            IOException taken = assertThrows(IOException.class, () -> qemu.start(spec, Progress.NONE));
            assertTrue(taken.getMessage().contains("is suspended to"), taken.getMessage());

            long t1 = System.nanoTime();
            restored = qemu.resumeFrom(state, Progress.NONE);
            System.out.printf("qemu: restored from the file in %.1f s%n", (System.nanoTime() - t1) / 1e9);
            assertEquals(Machine.State.RUNNING, restored.state());
            assertFalse(Files.exists(state), "the suspend file is used up");
            assertNull(Registry.suspendFile(registry.get("sleeper")));
            assertTrue(registry.list().get(0).alive());
            answer = login(restored.consoleSocket());
            assertTrue(answer.contains("login:"), answer);
            assertEquals(1, readyLines(restored.consoleLog()), "the guest continued: it did not boot again");
        } finally {
            m.close();
            if (restored != null) {
                restored.close();
            } else if (registry.get("sleeper") != null) {
                registry.discard(registry.get("sleeper"));
            }
        }
        assertFalse(Files.exists(folder));
        assertNull(registry.get("sleeper"));
        assertFalse(Files.exists(state));
    }
}
