package org.vsestudio.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One running (or stopped) machine started by a {@link Hypervisor}. A machine owns what was
 * made for it — the disk overlay, the console log, control sockets, the domain or process —
 * and {@link #close()} removes all of it, whatever state the machine is in. Operations a
 * backend cannot do throw an {@link UnsupportedOperationException} that says so.
 */
public interface Machine extends AutoCloseable {

    /** The states users see. */
    enum State {
        /** Started, the guest has not reported readiness yet (or nobody asked). */
        RUNNING,
        /** The virtual CPUs are stopped; {@link #resume()} continues. */
        PAUSED,
        /** The guest powered off or the machine was destroyed; nothing runs. */
        STOPPED,
        /** The hypervisor process or domain went away without being asked (killed, crashed). */
        LOST
    }

    /** Where the guest's SSH server is reachable from this host. */
    record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    String name();

    /** @return the {@link Hypervisor#name()} of the backend that runs this machine */
    String backend();

    State state();

    /** @return the time since the machine was started */
    Duration uptime();

    /** @return the file the guest's serial console is written to */
    Path consoleLog();

    /** @return the guest's SSH endpoint on this host, or {@code null} if it has no forwarded SSH port */
    Endpoint ssh();

    /**
     * Waits until the guest writes its readiness line ({@code VSE-READY <hostname> <image>}) to
     * the serial console.
     *
     * @return the readiness line
     * @throws NotReadyException if the timeout passes or the machine goes away first; its
     *                           message ends with the last lines of the console
     */
    String awaitReady(Duration timeout) throws NotReadyException, InterruptedException;

    void pause() throws IOException;

    void resume() throws IOException;

    /**
     * Asks the guest to power off (ACPI) and waits up to {@code timeout}; then destroys it.
     *
     * @return {@code true} if the guest powered off by itself
     */
    boolean stop(Duration timeout) throws IOException, InterruptedException;

    /** Ends the machine at once (the power cord). Its files stay until {@link #close()}. */
    void destroy() throws IOException;

    /** Saves the running machine's whole state (memory, devices, disk) under {@code name}. */
    void snapshot(String name) throws IOException;

    /** Returns the machine to the state saved by {@link #snapshot(String)} under {@code name}. */
    void restore(String name) throws IOException;

    /**
     * Lets the machine outlive this process ({@code vse run --keep}): it is no longer ended when
     * the JVM exits; its registry entry stays, so another process can {@link Registry#attach
     * attach} to it and end it. Backends whose machines do not depend on this process need
     * not do anything.
     */
    default void keepAfterExit() {
    }

    /** Destroys the machine if it runs and removes everything made for it. Never throws for a machine that is already gone. */
    @Override
    void close() throws IOException;
}
