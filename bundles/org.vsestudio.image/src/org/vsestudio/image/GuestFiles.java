package org.vsestudio.image;

/**
 * The files every VSE image carries besides its packages: the readiness report on the serial
 * console (the sandbox waits for it), first-boot SSH host keys (an image never ships keys, so
 * two VMs of one image never share one), network by DHCP, and the root file system's entry.
 */
final class GuestFiles {

    /** The line the readiness unit prints; the host waits for it on the console. */
    static final String READY_MARKER = "VSE-READY";

    private GuestFiles() {
    }

    static final String READY_SCRIPT = """
            #!/bin/sh
            # Written by VSE Studio: tells the host on the serial console that this machine is up.
            message="%s $(hostname) $(cat /etc/vse/image 2>/dev/null)"
            for console in /dev/ttyS0 /dev/hvc0 /dev/console; do
                if [ -c "$console" ] && (printf '%%s\\n' "$message" > "$console") 2>/dev/null; then
                    exit 0
                fi
            done
            printf '%%s\\n' "$message"
            """.formatted(READY_MARKER);

    /**
     * Applies what the host hands a machine at start: from QEMU's firmware configuration
     * ({@code -fw_cfg name=opt/org.vsestudio/NAME,file=…}, also libvirt's) or, in a container,
     * from the folder {@code /run/vse-guest}. Every item is optional:
     * {@code hostname}; {@code hosts} (lines added to /etc/hosts); {@code network} (a
     * systemd-networkd unit for the private network); {@code ssh_host_ed25519_key} and its
     * {@code .pub} (the host made them, so it knows the key it will see);
     * {@code authorized_keys} (for root and every account of uid 1000 and above);
     * {@code id_ed25519} and its {@code .pub} (the key the machines of one set use to reach
     * each other); {@code known_hosts} (their host keys, so that nothing is accepted blindly);
     * {@code hostfile} (for MPI, as /etc/vse/hostfile).
     */
    static final String GUEST_SETUP = """
            #!/bin/sh
            # Written by VSE Studio: applies what the host hands this machine at start.
            set -u
            modprobe qemu_fw_cfg 2>/dev/null || true
            item() {
                if [ -r "/run/vse-guest/$1" ]; then cat "/run/vse-guest/$1"; return 0; fi
                f="/sys/firmware/qemu_fw_cfg/by_name/opt/org.vsestudio/$1/raw"
                if [ -r "$f" ]; then cat "$f"; return 0; fi
                return 1
            }
            have() { [ -r "/run/vse-guest/$1" ] || [ -r "/sys/firmware/qemu_fw_cfg/by_name/opt/org.vsestudio/$1/raw" ]; }
            if have hostname; then
                name=$(item hostname | tr -cd 'A-Za-z0-9.-')
                printf '%s\n' "$name" > /etc/hostname
                hostname "$name" 2>/dev/null || true
                sed -i "/^127.0.1.1[[:space:]]/d" /etc/hosts
                printf '127.0.1.1\t%s\n' "$name" >> /etc/hosts
            fi
            if have hosts; then
                sed -i '/# vse$/d' /etc/hosts
                item hosts | sed 's/$/ # vse/' >> /etc/hosts
            fi
            if have network; then
                item network > /etc/systemd/network/70-vse-private.network
            fi
            if have ssh_host_ed25519_key; then
                umask 077
                item ssh_host_ed25519_key > /etc/ssh/ssh_host_ed25519_key
                umask 022
                item ssh_host_ed25519_key.pub > /etc/ssh/ssh_host_ed25519_key.pub
            fi
            if have known_hosts; then
                item known_hosts > /etc/ssh/ssh_known_hosts
            fi
            if have hostfile; then
                mkdir -p /etc/vse
                item hostfile > /etc/vse/hostfile
            fi
            for home in /root $(getent passwd | awk -F: '$3 >= 1000 && $3 < 60000 { print $6 }'); do
                [ -d "$home" ] || continue
                owner=$(stat -c %u:%g "$home")
                mkdir -p "$home/.ssh"
                if have authorized_keys; then item authorized_keys > "$home/.ssh/authorized_keys"; fi
                if have id_ed25519; then
                    (umask 077; item id_ed25519 > "$home/.ssh/id_ed25519")
                    item id_ed25519.pub > "$home/.ssh/id_ed25519.pub"
                fi
                chmod 700 "$home/.ssh"
                chmod 600 "$home/.ssh/"* 2>/dev/null || true
                chown -R "$owner" "$home/.ssh"
            done
            exit 0
            """;

    static final String GUEST_UNIT = """
            # Written by VSE Studio: takes the name, keys and network the host hands this machine.
            [Unit]
            Description=Apply what the VSE host hands this machine
            DefaultDependencies=no
            After=local-fs.target systemd-modules-load.service
            Before=network-pre.target systemd-networkd.service ssh.service vse-ssh-keys.service vse-ready.service
            Wants=network-pre.target

            [Service]
            Type=oneshot
            ExecStart=/usr/lib/vse/guest-setup
            RemainAfterExit=yes

            [Install]
            WantedBy=sysinit.target
            """;

    static final String READY_UNIT = """
            # Written by VSE Studio: reports readiness on the serial console once the system is up.
            [Unit]
            Description=Report that this VSE machine is ready
            After=multi-user.target

            [Service]
            Type=oneshot
            ExecStart=/usr/lib/vse/ready
            RemainAfterExit=yes

            [Install]
            WantedBy=multi-user.target
            """;

    static final String SSH_KEYS_UNIT = """
            # Written by VSE Studio: every machine makes its own SSH host keys at first boot.
            [Unit]
            Description=Generate this machine's SSH host keys
            Before=ssh.service
            ConditionPathExists=/usr/bin/ssh-keygen
            ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

            [Service]
            Type=oneshot
            ExecStart=/usr/bin/ssh-keygen -A

            [Install]
            WantedBy=multi-user.target
            """;

    static final String NETWORK = """
            # Written by VSE Studio: the machine's wired interfaces ask for an address by DHCP.
            [Match]
            Name=en* eth*

            [Network]
            DHCP=yes
            """;

    static final String FSTAB = """
            # Written by VSE Studio: the image's root file system, found by its label.
            LABEL=vseroot / ext4 defaults,errors=remount-ro 0 1
            """;
}
