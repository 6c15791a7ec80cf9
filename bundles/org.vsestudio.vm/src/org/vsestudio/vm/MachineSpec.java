package org.vsestudio.vm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a hypervisor needs to start one machine from a built image. The image's files
 * are only read: every machine runs on its own copy-on-write overlay of {@link #disk()}.
 *
 * @param name        the machine's name (also its host name unless {@code guestItems} says otherwise)
 * @param disk        the image's {@code disk.qcow2}
 * @param kernel      the image's kernel, booted directly ({@code null}: none; only a container can start without one)
 * @param initrd      the image's initrd, or {@code null}
 * @param commandLine the kernel command line ({@code root=LABEL=vseroot rw console=ttyS0})
 * @param memoryMiB   memory in MiB
 * @param cpus        virtual CPUs
 * @param nics        the network interfaces, in order
 * @param guestItems  what the host hands the guest at start (the names of
 *                    {@code org.vsestudio.image.GuestFiles}: {@code hostname}, {@code hosts},
 *                    {@code network}, {@code authorized_keys}, …), passed as firmware
 *                    configuration {@code opt/org.vsestudio/NAME}
 * @param workFolder  where the machine's overlay, console log and sockets are made (a folder
 *                    of its own below this one, removed when the machine is closed)
 * @param imageDigest the image's digest, for listings ({@code null} if unknown)
 */
public record MachineSpec(String name, Path disk, Path kernel, Path initrd, String commandLine, int memoryMiB, int cpus,
        List<Nic> nics, Map<String, byte[]> guestItems, Path workFolder, String imageDigest) {

    /** The prefix of every firmware configuration item the guest reads. */
    public static final String FW_CFG_PREFIX = "opt/org.vsestudio/";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9._-]{1,37}");
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    public MachineSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The machine name '" + name
                    + "' must be 1 to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }
        Objects.requireNonNull(disk, "disk");
        commandLine = commandLine == null ? "" : commandLine;
        if (memoryMiB < 64) {
            throw new IllegalArgumentException("The machine " + name + " needs at least 64 MiB of memory, not " + memoryMiB + ".");
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("The machine " + name + " needs at least one CPU, not " + cpus + ".");
        }
        nics = List.copyOf(nics == null ? List.of() : nics);
        Map<String, byte[]> items = new LinkedHashMap<>();
        if (guestItems != null) {
            guestItems.forEach((k, v) -> {
                if (!ITEM.matcher(k).matches()) {
                    throw new IllegalArgumentException("The guest item '" + k + "' of " + name
                            + " must be 1 to 37 letters, digits, dots, dashes or underscores (a firmware configuration name).");
                }
                items.put(k, v.clone());
            });
        }
        guestItems = Map.copyOf(items);
        Objects.requireNonNull(workFolder, "workFolder");
        long users = nics.stream().filter(n -> n.kind() == Nic.Kind.USER).count();
        if (users > 1) {
            throw new IllegalArgumentException("The machine " + name + " has " + users + " user-mode NICs; at most one is supported.");
        }
    }

    /** @return the port of the guest's SSH server forwarded to the host, or 0 if there is no user-mode NIC */
    public int sshHostPort() {
        return nics.stream().filter(n -> n.kind() == Nic.Kind.USER).mapToInt(Nic::sshHostPort).findFirst().orElse(0);
    }

    /**
     * One network interface of a machine.
     *
     * @param kind        user-mode (the host's network through NAT, with SSH forwarded) or a private network
     * @param mac         its MAC address ({@code 52:54:00:…}), or {@code null} for one chosen by the hypervisor
     * @param sshHostPort for {@link Kind#USER}: the host port on 127.0.0.1 forwarded to the guest's port 22
     *                    (0: a free port is chosen at start; -1: no forwarding)
     * @param network     for {@link Kind#PRIVATE}: the private network this NIC is on
     */
    public record Nic(Kind kind, String mac, int sshHostPort, PrivateNetwork network) {

        /** The kinds of network interface. */
        public enum Kind {
            USER, PRIVATE
        }

        public Nic {
            Objects.requireNonNull(kind, "kind");
            if (mac != null && !MAC.matcher(mac).matches()) {
                throw new IllegalArgumentException("'" + mac + "' is not a MAC address (six pairs of hex digits separated by colons).");
            }
            if (kind == Kind.PRIVATE && network == null) {
                throw new IllegalArgumentException("A private NIC needs its network.");
            }
            if (sshHostPort < -1 || sshHostPort > 65535) {
                throw new IllegalArgumentException("The SSH port " + sshHostPort + " is not a port.");
            }
        }

        /** A user-mode NIC with the guest's SSH port forwarded to a free host port on 127.0.0.1. */
        public static Nic user(String mac) {
            return new Nic(Kind.USER, mac, 0, null);
        }

        /** A NIC on the private network shared by the machines of one launch. */
        public static Nic onPrivate(PrivateNetwork network, String mac) {
            return new Nic(Kind.PRIVATE, mac, -1, network);
        }
    }

    /**
     * A network shared only by the machines of one launch: an Ethernet segment over a UDP
     * multicast group on the host's loopback (QEMU's {@code -netdev socket,mcast=…},
     * libvirt's {@code <interface type='mcast'>}), so that no daemon, bridge or root is needed.
     *
     * @param name    a name for messages
     * @param address the multicast group (239.x.y.z, site-local scope)
     * @param port    its UDP port
     */
    public record PrivateNetwork(String name, String address, int port) {

        /** A network whose group and port are derived from {@code launchId}, so that two launches rarely share one. */
        public static PrivateNetwork forLaunch(String launchId) {
            int h = launchId.hashCode() & 0x7fffffff;
            return new PrivateNetwork(launchId, "239.255." + (h >>> 8 & 0xff) + "." + (1 + (h & 0xfd)), 20000 + (h >>> 16) % 20000);
        }
    }
}
