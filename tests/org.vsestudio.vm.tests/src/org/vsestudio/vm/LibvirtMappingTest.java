package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The libvirt backend's domain XML and lifecycle against libvirt's test driver
 * ({@code test:///default}: no daemon, a fresh state per connection) — the mapping, not a boot.
 */
class LibvirtMappingTest {

    @TempDir
    Path dir;

    private MachineSpec spec(Path image, Path work) {
        MachineSpec.PrivateNetwork net = new MachineSpec.PrivateNetwork("l", "239.255.9.9", 31000);
        return new MachineSpec("head", image.resolve("disk.qcow2"), image.resolve("vmlinuz"), image.resolve("initrd.img"),
                "root=LABEL=vseroot rw console=ttyS0", 768, 2,
                List.of(MachineSpec.Nic.user(null), MachineSpec.Nic.onPrivate(net, "52:54:00:aa:bb:01")),
                Map.of("hostname", "head".getBytes(StandardCharsets.UTF_8)), work, "sha256:feed");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDomainXmlMapsTheSpec() throws Exception {
        Path image = Fakes.image(dir);
        MachineSpec spec = spec(image, dir);
        String xml = DomainXml.of("vse-head", Accelerator.TCG, spec, dir.resolve("m/overlay.qcow2"), dir.resolve("m/console.log"),
                dir.resolve("m/guest"), List.of("hostname"), 40100);
        Document d = parse(xml);
        XPath x = XPathFactory.newInstance().newXPath();
        assertEquals("qemu", x.evaluate("/domain/@type", d));
        assertEquals("vse-head", x.evaluate("/domain/name", d));
        assertEquals("768", x.evaluate("/domain/memory", d));
        assertEquals("MiB", x.evaluate("/domain/memory/@unit", d));
        assertEquals("2", x.evaluate("/domain/vcpu", d));
        assertEquals(image.resolve("vmlinuz").toString(), x.evaluate("/domain/os/kernel", d));
        assertEquals(image.resolve("initrd.img").toString(), x.evaluate("/domain/os/initrd", d));
        assertEquals("root=LABEL=vseroot rw console=ttyS0", x.evaluate("/domain/os/cmdline", d));
        assertEquals("1", x.evaluate("count(/domain/features/acpi)", d));
        assertEquals(dir.resolve("m/overlay.qcow2").toString(), x.evaluate("/domain/devices/disk/source/@file", d));
        assertEquals("virtio", x.evaluate("/domain/devices/disk/target/@bus", d));
        assertEquals(dir.resolve("m/console.log").toString(), x.evaluate("/domain/devices/serial[@type='file']/source/@path", d));
        assertEquals("fwcfg", x.evaluate("/domain/sysinfo/@type", d));
        assertEquals(dir.resolve("m/guest/hostname").toString(), x.evaluate("/domain/sysinfo/entry[@name='opt/org.vsestudio/hostname']/@file", d));
        assertEquals("239.255.9.9", x.evaluate("/domain/devices/interface[@type='mcast']/source/@address", d));
        assertEquals("52:54:00:aa:bb:01", x.evaluate("/domain/devices/interface[@type='mcast']/mac/@address", d));
        // the SSH forward goes to QEMU as arguments (libvirt 9.0's portForward needs passt)
        assertTrue(xml.contains("<qemu:arg value='user,id=vsenet0,hostfwd=tcp:127.0.0.1:40100-:22'/>"), xml);
        assertEquals("kvm", parse(DomainXml.of("vse-head", Accelerator.KVM, spec, dir.resolve("o"), dir.resolve("c"), dir, List.of(), 0))
                .getDocumentElement().getAttribute("type"));
        // without forwarding, the user-mode NIC is libvirt's own
        assertTrue(DomainXml.of("vse-head", Accelerator.TCG, spec, dir.resolve("o"), dir.resolve("c"), dir, List.of(), 0)
                .contains("<interface type='user'>"));
    }

    @Test
    void aTransientDomainIsStartedPausedSnapshottedAndLeavesNothing() throws Exception {
        Path image = Fakes.image(dir);
        Path work = Files.createDirectories(dir.resolve("work"));
        Registry registry = new Registry(dir.resolve("vms"));
        LibvirtHypervisor libvirt = new LibvirtHypervisor("test:///default", "qemu-img", registry, Accelerator.TCG);
        assertNull(libvirt.unavailableBecause());
        assertEquals("libvirt", libvirt.name());
        Machine m = libvirt.start(spec(image, work), Progress.NONE);
        Path folder;
        try {
            LibvirtMachine lm = (LibvirtMachine) m;
            assertEquals("vse-head", lm.domainName());
            String live = lm.liveXml();
            assertTrue(live.contains("opt/org.vsestudio/hostname"), live); // libvirt kept the firmware configuration
            assertTrue(live.contains("overlay.qcow2"), live);
            folder = m.consoleLog().getParent();
            assertTrue(Files.exists(folder.resolve("overlay.qcow2")));
            assertEquals("head", Files.readString(folder.resolve("guest/hostname")));
            assertEquals(Machine.State.RUNNING, m.state());
            assertEquals("127.0.0.1", m.ssh().host());
            Registry.Entry e = registry.get("head");
            assertEquals("test:///default", e.uri());
            assertEquals("vse-head", e.domain());
            assertEquals("sha256:feed", e.imageDigest());

            m.pause();
            assertEquals(Machine.State.PAUSED, m.state());
            m.resume();
            assertEquals(Machine.State.RUNNING, m.state());
            m.snapshot("s1");
            m.restore("s1");
            IOException missing = assertThrows(IOException.class, () -> m.restore("nosuch"));
            assertTrue(missing.getMessage().startsWith("libvirt could not restore the snapshot nosuch of head: "), missing.getMessage());

            NotReadyException late = assertThrows(NotReadyException.class, () -> m.awaitReady(Duration.ofMillis(300)));
            assertTrue(late.getMessage().contains("is empty"), late.getMessage());

            assertTrue(m.stop(Duration.ofSeconds(10)));
            assertEquals(Machine.State.STOPPED, m.state());
        } finally {
            m.close();
        }
        assertFalse(Files.exists(folder));
        assertNull(registry.get("head"));
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void anUnreachableConnectionIsOneSentence() throws Exception {
        LibvirtHypervisor libvirt = new LibvirtHypervisor("qemu+unix:///system?socket=" + dir.resolve("no.sock"), "qemu-img",
                new Registry(dir.resolve("vms")), Accelerator.TCG);
        String why = libvirt.unavailableBecause();
        assertTrue(why.startsWith("libvirt cannot connect to qemu+unix:///system"), why);
        Path image = Fakes.image(dir);
        IOException e = assertThrows(IOException.class, () -> libvirt.start(spec(image, dir.resolve("work")), Progress.NONE));
        assertTrue(e.getMessage().startsWith("Cannot start head: libvirt cannot connect"), e.getMessage());
    }
}
