package org.vsestudio.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * How QEMU can run guests on this host: hardware virtualization through KVM, or QEMU's
 * software emulator TCG. Detected, never configured: a {@code /dev/kvm} alone is not enough
 * (nested-virtualization modules such as {@code kvm_pvm} provide one that cannot boot a
 * stock kernel), so the kernel module behind it decides.
 */
public enum Accelerator {
    KVM("kvm", "-accel", "kvm", "-cpu", "host"),
    TCG("tcg", "-accel", "tcg,thread=multi", "-cpu", "max");

    private final String libvirtDomainType;
    private final String[] qemuArgs;

    Accelerator(String libvirtDomainType, String... qemuArgs) {
        this.libvirtDomainType = libvirtDomainType.equals("tcg") ? "qemu" : libvirtDomainType;
        this.qemuArgs = qemuArgs;
    }

    /** @return the {@code <domain type=…>} libvirt uses for this accelerator */
    public String libvirtDomainType() {
        return libvirtDomainType;
    }

    /** @return the QEMU command-line arguments that select this accelerator */
    public String[] qemuArgs() {
        return qemuArgs.clone();
    }

    /** The accelerator chosen for this host, and why. */
    public record Detection(Accelerator accelerator, String reason) {
    }

    /** Detects the accelerator of this host from {@code /dev/kvm} and {@code /sys/module}. */
    public static Detection detect() {
        Path dev = Path.of("/dev/kvm");
        Set<String> modules = new TreeSet<>();
        try (var list = Files.list(Path.of("/sys/module"))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("kvm")).forEach(modules::add);
        } catch (Exception e) {
            // no sysfs (a container without it): decide from /dev/kvm alone below
        }
        return decide(Files.exists(dev), Files.isReadable(dev) && Files.isWritable(dev), modules);
    }

    /** The decision of {@link #detect()}, on given facts. */
    static Detection decide(boolean devExists, boolean devUsable, Set<String> kvmModules) {
        if (!devExists) {
            return new Detection(TCG, "/dev/kvm does not exist; QEMU emulates the CPU (TCG), which is several times slower");
        }
        if (!devUsable) {
            return new Detection(TCG, "/dev/kvm exists but this user cannot open it (add the user to the 'kvm' group); using TCG");
        }
        boolean hardware = kvmModules.contains("kvm_intel") || kvmModules.contains("kvm_amd");
        if (!hardware && !kvmModules.isEmpty()) {
            kvmModules.remove("kvm");
            if (!kvmModules.isEmpty()) {
                return new Detection(TCG, "/dev/kvm is provided by " + String.join(", ", kvmModules)
                        + ", a nested-virtualization module that cannot boot a stock kernel; using TCG");
            }
        }
        return new Detection(KVM, hardware ? "hardware virtualization through " + kvmModules : "/dev/kvm is usable");
    }
}
