package org.vsestudio.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A machine run by a QEMU process, controlled over its QMP socket. */
final class QemuMachine implements Machine {

    static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Registry.Entry entry;
    private final ProcessHandle process;
    private final Process child; // null when attached to a machine of another process
    private final Registry registry;
    private final Path controlDir;
    private volatile boolean ended; // destroyed or stopped on request
    private volatile boolean closed;
    private volatile String lost; // why the process went away unasked

    QemuMachine(Registry.Entry entry, ProcessHandle process, Process child, Registry registry, Path controlDir) {
        this.entry = entry;
        this.process = process;
        this.child = child;
        this.registry = registry;
        this.controlDir = controlDir;
        process.onExit().thenRun(() -> {
            if (!ended && !poweredOff()) {
                lost = unexpectedEnd();
            }
        });
    }

    /** @return why the QEMU process went away unasked, with its exit status when this process started it */
    private String unexpectedEnd() {
        if (child == null) {
            return "its QEMU process (pid " + process.pid() + ") is gone";
        }
        try {
            child.waitFor(); // gone already: returns at once, and the status is then known
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status = child.exitValue();
        return "its QEMU process (pid " + process.pid() + ") ended unexpectedly (exit status " + status
                + (status > 128 ? ", killed by signal " + (status - 128) : "") + ")";
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String backend() {
        return QemuHypervisor.NAME;
    }

    long pid() {
        return process.pid();
    }

    Path folder() {
        return entry.folder();
    }

    Path controlSocket() {
        return entry.control();
    }

    @Override
    public State state() {
        if (!process.isAlive()) {
            return ended || closed || poweredOff() ? State.STOPPED : State.LOST;
        }
        try {
            return switch (qmp(Qmp::status)) {
                case "paused", "suspended", "save-vm", "restore-vm", "inmigrate", "postmigrate", "finish-migrate" -> State.PAUSED;
                case "shutdown", "guest-panicked", "internal-error", "io-error" -> State.STOPPED;
                default -> State.RUNNING;
            };
        } catch (IOException e) {
            return process.isAlive() ? State.RUNNING : State.LOST;
        }
    }

    /** @return whether QEMU ended by itself with status 0: the guest powered off */
    private boolean poweredOff() {
        return child != null && !child.isAlive() && child.exitValue() == 0;
    }

    /** @return why the machine can no longer get ready, or {@code null} while it runs */
    String goneBecause() {
        if (process.isAlive()) {
            return null;
        }
        if (ended || closed) {
            return "it was stopped";
        }
        if (poweredOff()) {
            return "its guest powered off";
        }
        // the exit callback may not have run yet: work the reason out here too
        return lost != null ? lost : unexpectedEnd();
    }

    @Override
    public Duration uptime() {
        return entry.uptime();
    }

    @Override
    public Path consoleLog() {
        return entry.console();
    }

    @Override
    public Endpoint ssh() {
        return entry.sshPort() > 0 ? new Endpoint("127.0.0.1", entry.sshPort()) : null;
    }

    @Override
    public String awaitReady(Duration timeout) throws NotReadyException, InterruptedException {
        return Console.awaitReady(name(), consoleLog(), timeout, this::goneBecause);
    }

    private interface QmpCall<T> {
        T call(Qmp qmp) throws IOException;
    }

    /**
     * Runs commands on a connection of their own: QEMU's control socket serves one client at
     * a time, and another process (vse vm …) must be able to control the machine too.
     */
    private synchronized <T> T qmp(QmpCall<T> call) throws IOException {
        if (closed) {
            throw new IOException(name() + " is closed.");
        }
        if (!process.isAlive()) {
            throw new IOException(name() + " is not running: " + goneBecause() + ".");
        }
        try (Qmp qmp = Qmp.connect(entry.control())) {
            return call.call(qmp);
        }
    }

    @Override
    public void pause() throws IOException {
        qmp(q -> q.command("stop"));
    }

    @Override
    public void resume() throws IOException {
        qmp(q -> q.command("cont"));
    }

    @Override
    public boolean stop(Duration timeout) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            ended = true;
            return true;
        }
        ended = true;
        try {
            qmp(q -> {
                if (!"running".equals(q.status())) { // a paused guest cannot act on the power button
                    q.command("cont");
                }
                return q.command("system_powerdown");
            });
        } catch (IOException e) {
            if (!process.isAlive()) {
                return true;
            }
            throw e;
        }
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            destroy();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void destroy() throws IOException {
        ended = true;
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("The QEMU process of " + name() + " (pid " + process.pid() + ") did not end after SIGKILL.", e);
            }
        }
    }

    private static String snapshotName(String name) {
        if (name == null || !SNAPSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A snapshot name must be 1 to 64 letters, digits, dots, dashes or underscores: '" + name + "'.");
        }
        return name;
    }

    @Override
    public void snapshot(String name) throws IOException {
        try {
            qmp(q -> {
                q.human("savevm " + snapshotName(name));
                return null;
            });
        } catch (IOException e) {
            throw new IOException("QEMU could not save the snapshot " + name + " of " + name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restore(String name) throws IOException {
        try {
            qmp(q -> {
                boolean running = "running".equals(q.status());
                try {
                    q.human("loadvm " + snapshotName(name));
                } catch (IOException e) {
                    // QEMU stops the machine for loadvm and leaves it stopped when loading fails
                    if (running && !"running".equals(q.status())) {
                        q.command("cont");
                    }
                    throw e;
                }
                return null;
            });
        } catch (IOException e) {
            throw new IOException("QEMU could not restore the snapshot " + name + " of " + name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        IOException failure = null;
        try {
            destroy();
        } catch (IOException e) {
            failure = e;
        }
        closed = true;
        QemuHypervisor.unlive(this);
        try {
            Folders.delete(entry.folder());
            Folders.delete(controlDir);
            registry.unregister(name());
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void keepAfterExit() {
        QemuHypervisor.unlive(this);
    }

    /** From the JVM's shutdown hook: no waiting for anything but the kill itself. */
    void killOnExit() {
        ended = true;
        process.destroyForcibly();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the JVM is exiting; the registry reports the machine if it survived
        }
        try {
            Folders.delete(entry.folder());
            Folders.delete(controlDir);
            registry.unregister(name());
        } catch (IOException e) {
            // ditto
        }
    }

    @Override
    public String toString() {
        return name() + " (qemu, pid " + process.pid() + ")";
    }
}
