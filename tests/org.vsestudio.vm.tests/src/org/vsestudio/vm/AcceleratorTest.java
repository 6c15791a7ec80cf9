package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class AcceleratorTest {

    @Test
    void hardwareModulesMeanKvm() {
        Accelerator.Detection d = Accelerator.decide(true, true, new TreeSet<>(Set.of("kvm", "kvm_intel")));
        assertEquals(Accelerator.KVM, d.accelerator());
        assertEquals("kvm", Accelerator.KVM.libvirtDomainType());
    }

    @Test
    void aNestedModuleMeansTcgAndSaysWhy() {
        Accelerator.Detection d = Accelerator.decide(true, true, new TreeSet<>(Set.of("kvm", "kvm_pvm")));
        assertEquals(Accelerator.TCG, d.accelerator());
        assertTrue(d.reason().contains("kvm_pvm"), d.reason());
        assertEquals("qemu", Accelerator.TCG.libvirtDomainType());
    }

    @Test
    void noDeviceMeansTcg() {
        assertEquals(Accelerator.TCG, Accelerator.decide(false, false, Set.of()).accelerator());
        Accelerator.Detection d = Accelerator.decide(true, false, new TreeSet<>(Set.of("kvm", "kvm_amd")));
        assertEquals(Accelerator.TCG, d.accelerator());
        assertTrue(d.reason().contains("kvm' group"), d.reason());
    }

    /** On this host: the detection agrees with what sysfs says. */
    @Test
    void detectsThisHost() throws Exception {
        Accelerator.Detection d = Accelerator.detect();
        assertFalse(d.reason().isBlank());
        boolean hardware = Files.exists(Path.of("/sys/module/kvm_intel")) || Files.exists(Path.of("/sys/module/kvm_amd"));
        if (!Files.exists(Path.of("/dev/kvm")) || !hardware) {
            assertEquals(Accelerator.TCG, d.accelerator(), d.reason());
        } else if (Files.isWritable(Path.of("/dev/kvm"))) {
            assertEquals(Accelerator.KVM, d.accelerator(), d.reason());
        }
    }
}
