package org.vsestudio.vm;

import java.nio.file.Path;
import java.util.List;

/**
 * The libvirt domain of a {@link MachineSpec}: direct kernel boot, a virtio disk on the
 * overlay, the serial console into a file, ACPI (without it a guest's power-off only halts),
 * the guest items as {@code <sysinfo type='fwcfg'>} entries, and the NICs: a user-mode NIC
 * with the guest's SSH port forwarded to 127.0.0.1 is passed to QEMU as arguments
 * ({@code <qemu:commandline>}), since libvirt's {@code <portForward>} needs passt; a user-mode
 * NIC without forwarding is {@code <interface type='user'>}; a private network is
 * {@code <interface type='mcast'>}.
 */
final class DomainXml {

    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

    private DomainXml() {
    }

    static String of(String domainName, Accelerator accelerator, MachineSpec spec, Path overlay, Path console, Path guestDir,
            List<String> guestItems, int sshPort) {
        StringBuilder x = new StringBuilder();
        x.append("<domain type='").append(accelerator.libvirtDomainType()).append("' xmlns:qemu='").append(QEMU_NS).append("'>\n");
        x.append("  <name>").append(esc(domainName)).append("</name>\n");
        x.append("  <memory unit='MiB'>").append(spec.memoryMiB()).append("</memory>\n");
        x.append("  <vcpu>").append(spec.cpus()).append("</vcpu>\n");
        if (!guestItems.isEmpty()) {
            x.append("  <sysinfo type='fwcfg'>\n");
            for (String item : guestItems) {
                x.append("    <entry name='").append(esc(MachineSpec.FW_CFG_PREFIX + item)).append("' file='")
                        .append(esc(guestDir.resolve(item).toString())).append("'/>\n");
            }
            x.append("  </sysinfo>\n");
        }
        x.append("  <os>\n    <type arch='x86_64' machine='pc'>hvm</type>\n"); // i440fx: its root bus is pci.0
        x.append("    <kernel>").append(esc(spec.kernel().toAbsolutePath().toString())).append("</kernel>\n");
        if (spec.initrd() != null) {
            x.append("    <initrd>").append(esc(spec.initrd().toAbsolutePath().toString())).append("</initrd>\n");
        }
        x.append("    <cmdline>").append(esc(spec.commandLine())).append("</cmdline>\n  </os>\n");
        x.append("  <features>\n    <acpi/>\n  </features>\n");
        x.append(accelerator == Accelerator.KVM ? "  <cpu mode='host-passthrough'/>\n" : "  <cpu mode='maximum'/>\n");
        x.append("  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>restart</on_reboot>\n  <on_crash>destroy</on_crash>\n");
        x.append("  <devices>\n");
        x.append("    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n");
        x.append("      <source file='").append(esc(overlay.toAbsolutePath().toString())).append("'/>\n");
        x.append("      <target dev='vda' bus='virtio'/>\n    </disk>\n");
        StringBuilder args = new StringBuilder();
        int i = 0;
        for (MachineSpec.Nic nic : spec.nics()) {
            String mac = nic.mac() != null ? nic.mac() : QemuHypervisor.mac(spec.name(), i);
            if (nic.kind() == MachineSpec.Nic.Kind.USER && sshPort > 0) {
                arg(args, "-netdev");
                arg(args, "user,id=vsenet" + i + ",hostfwd=tcp:127.0.0.1:" + sshPort + "-:22");
                arg(args, "-device");
                // a fixed slot at the end of the root bus: libvirt gives its own devices slots from 2 up
                arg(args, "virtio-net-pci,netdev=vsenet" + i + ",mac=" + mac + ",bus=pci.0,addr=0x" + Integer.toHexString(0x1e - i));
            } else if (nic.kind() == MachineSpec.Nic.Kind.USER) {
                x.append("    <interface type='user'>\n      <mac address='").append(mac).append("'/>\n      <model type='virtio'/>\n    </interface>\n");
            } else {
                x.append("    <interface type='mcast'>\n      <mac address='").append(mac).append("'/>\n");
                x.append("      <source address='").append(esc(nic.network().address())).append("' port='").append(nic.network().port())
                        .append("'/>\n      <model type='virtio'/>\n    </interface>\n");
            }
            i++;
        }
        x.append("    <serial type='file'>\n      <source path='").append(esc(console.toAbsolutePath().toString()))
                .append("'/>\n      <target port='0'/>\n    </serial>\n");
        x.append("    <rng model='virtio'>\n      <backend model='random'>/dev/urandom</backend>\n    </rng>\n");
        x.append("    <memballoon model='none'/>\n");
        x.append("  </devices>\n");
        if (!args.isEmpty()) {
            x.append("  <qemu:commandline>\n").append(args).append("  </qemu:commandline>\n");
        }
        x.append("</domain>\n");
        return x.toString();
    }

    private static void arg(StringBuilder args, String value) {
        args.append("    <qemu:arg value='").append(esc(value)).append("'/>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
