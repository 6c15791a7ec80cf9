package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    @TempDir
    Path dir;

    private static Registry.Entry entry(String name, long pid, Path folder) {
        return new Registry.Entry(name, "qemu", pid, ProcessHandle.current().pid(), null, null, 40022, folder.resolve("console.log"),
                folder.resolve("qmp.sock"), folder, "sha256:abc", Instant.parse("2026-11-22T03:00:00Z"));
    }

    @Test
    void entriesRoundTripAndStaleOnesAreReportedAndCleanedWithTheirFolders() throws Exception {
        Registry registry = new Registry(dir.resolve("vms"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Process notQemu = new ProcessBuilder("sleep", "60").start();
        try {
            Path f1 = Files.createDirectories(dir.resolve("m1"));
            Files.writeString(f1.resolve("overlay.qcow2"), "x");
            Path f2 = Files.createDirectories(dir.resolve("m2"));
            registry.register(entry("gone", ended.pid(), f1));
            registry.register(entry("reused", notQemu.pid(), f2)); // a live pid that is not QEMU (reused) is stale too

            Registry other = new Registry(dir.resolve("vms"));
            List<Registry.Listed> listed = other.list();
            assertEquals(List.of("gone", "reused"), listed.stream().map(l -> l.entry().name()).toList());
            assertEquals(entry("gone", ended.pid(), f1), listed.get(0).entry());
            assertFalse(listed.get(0).alive());
            assertFalse(listed.get(1).alive());

            assertEquals(List.of("gone", "reused"), other.clean().stream().map(Registry.Entry::name).toList());
            assertFalse(Files.exists(f1));
            assertFalse(Files.exists(f2));
            assertEquals(List.of(), registry.list());
            assertNull(registry.get("gone"));
        } finally {
            notQemu.destroyForcibly();
        }
    }

    @Test
    void aDamagedEntryIsAnErrorForItsNameAndSkippedInTheList() throws Exception {
        Registry registry = new Registry(dir);
        Files.writeString(dir.resolve("broken.properties"), "name=broken\nstarted=yesterday\n");
        IOException e = assertThrows(IOException.class, () -> registry.get("broken"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertEquals(List.of(), registry.list());
    }

    @Test
    void theUsersRegistryIsInTheRuntimeOrCacheFolder() {
        Path f = Registry.ofUser().folder();
        assertTrue(f.endsWith(Path.of("vse-studio", "vms")), f.toString());
    }

    /** A QEMU that cannot start leaves no folder and no entry, and its message says why. */
    @Test
    void aFailedStartLeavesNothing() throws Exception {
        Path image = Fakes.image(dir);
        Registry registry = new Registry(dir.resolve("vms"));
        Path work = Files.createDirectories(dir.resolve("work"));
        MachineSpec spec = new MachineSpec("broken", image.resolve("disk.qcow2"), image.resolve("vmlinuz"), image.resolve("initrd.img"),
                "console=ttyS0", 256, 1, List.of(MachineSpec.Nic.user(null)), Map.of("hostname", "x".getBytes()), work, null);
        IOException e = assertThrows(IOException.class, () -> new QemuHypervisor(registry).start(spec, Progress.NONE));
        assertTrue(e.getMessage().startsWith("QEMU could not start broken"), e.getMessage());
        assertTrue(e.getMessage().contains("kernel"), e.getMessage()); // QEMU's own words about the bad kernel
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
        assertNull(registry.get("broken"));

        QemuHypervisor missing = new QemuHypervisor("/nonexistent/qemu-system-x86_64", "qemu-img", registry, Accelerator.TCG);
        assertTrue(missing.unavailableBecause().contains("qemu-system-x86"), missing.unavailableBecause());
        IOException m = assertThrows(IOException.class, () -> missing.start(spec, Progress.NONE));
        assertTrue(m.getMessage().startsWith("Cannot start broken: "), m.getMessage());
    }
}
