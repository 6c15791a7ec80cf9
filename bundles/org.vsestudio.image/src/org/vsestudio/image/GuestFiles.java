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
