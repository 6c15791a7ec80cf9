package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QemuCommandLineTest {

    private static List<String> commandLine(Accelerator a) {
        MachineSpec.PrivateNetwork net = new MachineSpec.PrivateNetwork("l", "239.255.1.2", 23456);
        MachineSpec spec = new MachineSpec("head", Path.of("/img/disk.qcow2"), Path.of("/img/vmlinuz"), Path.of("/img/initrd.img"),
                "root=LABEL=vseroot rw console=ttyS0", 1024, 2,
                List.of(MachineSpec.Nic.user(null), MachineSpec.Nic.onPrivate(net, "52:54:00:00:00:07")),
                Map.of("hostname", new byte[0], "hosts", new byte[0]), Path.of("/w"), null);
        return QemuHypervisor.commandLine("qemu-system-x86_64", a, spec, Path.of("/w/head-1,2/overlay.qcow2"),
                Path.of("/w/head-1,2/console.log"), Path.of("/w/head-1,2/qmp.sock"), List.of("hostname", "hosts"), 40022);
    }

    private static String after(List<String> c, String option, int nth) {
        int seen = 0;
        for (int i = 0; i < c.size() - 1; i++) {
            if (c.get(i).equals(option) && seen++ == nth) {
                return c.get(i + 1);
            }
        }
        throw new AssertionError(option + " #" + nth + " not in " + c);
    }

    @Test
    void mapsTheSpecToQemusOptions() {
        List<String> c = commandLine(Accelerator.TCG);
        assertEquals("tcg,thread=multi", after(c, "-accel", 0));
        assertEquals("max", after(c, "-cpu", 0));
        assertEquals("1024", after(c, "-m", 0));
        assertEquals("2", after(c, "-smp", 0));
        assertEquals("/img/vmlinuz", after(c, "-kernel", 0));
        assertEquals("/img/initrd.img", after(c, "-initrd", 0));
        assertEquals("root=LABEL=vseroot rw console=ttyS0", after(c, "-append", 0));
        // a comma in a path is doubled, as QEMU's option syntax wants
        assertEquals("file=/w/head-1,,2/overlay.qcow2,format=qcow2,if=virtio", after(c, "-drive", 0));
        assertEquals("chardev:serial0", after(c, "-serial", 0));
        assertEquals("socket,id=serial0,path=/w/head-1,,2/console.sock,server=on,wait=off,logappend=on,logfile=/w/head-1,,2/console.log", after(c, "-chardev", 0));
        assertEquals("unix:/w/head-1,,2/qmp.sock,server=on,wait=off", after(c, "-qmp", 0));
        assertEquals("user,id=nic0,hostfwd=tcp:127.0.0.1:40022-:22", after(c, "-netdev", 0));
        assertTrue(after(c, "-device", 1).startsWith("virtio-net-pci,netdev=nic0,mac=52:54:00:"), c.toString());
        assertEquals("socket,id=nic1,mcast=239.255.1.2:23456,localaddr=127.0.0.1", after(c, "-netdev", 1));
        assertEquals("virtio-net-pci,netdev=nic1,mac=52:54:00:00:00:07", after(c, "-device", 2));
        assertEquals("name=opt/org.vsestudio/hostname,file=/w/head-1,,2/guest/hostname", after(c, "-fw_cfg", 0));
        assertEquals("name=opt/org.vsestudio/hosts,file=/w/head-1,,2/guest/hosts", after(c, "-fw_cfg", 1));
        assertEquals("kvm", after(commandLine(Accelerator.KVM), "-accel", 0));
    }

    @Test
    void derivedMacsDifferBetweenMachinesAndNics() {
        assertNotEquals(QemuHypervisor.mac("compute-1", 1), QemuHypervisor.mac("compute-2", 1));
        assertNotEquals(QemuHypervisor.mac("compute-1", 0), QemuHypervisor.mac("compute-1", 1));
        assertTrue(QemuHypervisor.mac("head", 0).matches("52:54:00(:[0-9a-f]{2}){3}"));
    }
}
