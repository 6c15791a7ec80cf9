package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MachineSpecTest {

    private static MachineSpec spec(String name, int memory, List<MachineSpec.Nic> nics, Map<String, byte[]> items) {
        return new MachineSpec(name, Path.of("disk.qcow2"), Path.of("vmlinuz"), null, "console=ttyS0", memory, 1, nics, items,
                Path.of("work"), null);
    }

    @Test
    void refusesWhatNoBackendCouldRunWithOneSentence() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> spec("bad name", 512, List.of(), Map.of()));
        assertTrue(name.getMessage().contains("'bad name'"), name.getMessage());
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class, () -> spec("a", 16, List.of(), Map.of()));
        assertTrue(memory.getMessage().contains("64 MiB"), memory.getMessage());
        IllegalArgumentException item = assertThrows(IllegalArgumentException.class,
                () -> spec("a", 512, List.of(), Map.of("../etc/passwd", new byte[0])));
        assertTrue(item.getMessage().contains("guest item"), item.getMessage());
        IllegalArgumentException mac = assertThrows(IllegalArgumentException.class, () -> MachineSpec.Nic.user("52:54:00:zz:00:01"));
        assertTrue(mac.getMessage().contains("MAC"), mac.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> spec("a", 512, List.of(MachineSpec.Nic.user(null), MachineSpec.Nic.user(null)), Map.of()));
        assertTrue(two.getMessage().contains("user-mode NICs"), two.getMessage());
    }

    @Test
    void guestItemsAreCopiedAndTheSshPortComesFromTheUserNic() {
        byte[] name = "head".getBytes();
        MachineSpec s = spec("head", 512, List.of(MachineSpec.Nic.user(null)), Map.of("hostname", name));
        name[0] = 'x';
        assertEquals("head", new String(s.guestItems().get("hostname")));
        assertEquals(0, s.sshHostPort()); // chosen at start
        MachineSpec none = spec("head", 512, List.of(MachineSpec.Nic.onPrivate(MachineSpec.PrivateNetwork.forLaunch("l1"), null)), Map.of());
        assertEquals(0, none.sshHostPort());
    }

    @Test
    void privateNetworksOfTwoLaunchesDiffer() {
        MachineSpec.PrivateNetwork a = MachineSpec.PrivateNetwork.forLaunch("launch-1");
        MachineSpec.PrivateNetwork b = MachineSpec.PrivateNetwork.forLaunch("launch-2");
        assertTrue(a.address().startsWith("239.255."), a.address());
        assertNotEquals(a.address() + ":" + a.port(), b.address() + ":" + b.port());
        assertEquals(a, MachineSpec.PrivateNetwork.forLaunch("launch-1"));
    }
}
