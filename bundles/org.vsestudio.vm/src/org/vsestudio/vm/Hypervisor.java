package org.vsestudio.vm;

import java.io.IOException;

/**
 * One virtualization system that can run a VSE's machines: libvirt, QEMU started directly,
 * or a container runtime (the low-protection option). Each implementation maps the VM
 * profile to what its system can do and says clearly what it cannot.
 */
public interface Hypervisor {

    /** How well a backend isolates its guests from the host (VSE paper, table 1). */
    enum Protection {
        LOW, MEDIUM, HIGH
    }

    /** @return a short name for users: {@code libvirt}, {@code qemu}, {@code container} */
    String name();

    /** @return the isolation this backend gives its guests */
    Protection protection();

    /**
     * @return {@code null} if this backend can run on this host now, else one sentence
     *         saying what is missing and how to get it
     */
    String unavailableBecause();

    /**
     * Starts a machine: makes its overlay of the image's disk, hands it the guest items and
     * boots it. Returns as soon as the hypervisor runs it; {@link Machine#awaitReady} waits for
     * the guest. On failure or cancellation nothing that was made stays behind.
     *
     * @throws IOException                   if the machine cannot be started (one sentence)
     * @throws UnsupportedOperationException if the spec asks for something this backend cannot do
     * @throws java.util.concurrent.CancellationException if {@code progress} was cancelled
     */
    Machine start(MachineSpec spec, Progress progress) throws IOException;
}
