package org.vsestudio.vm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container run by a {@code systemd-nspawn} process. Pause stops every process of the
 * container's PID namespace with SIGSTOP (resume: SIGCONT); stop asks its systemd to power
 * off (SIGRTMIN+4 to the container's init); destroy kills the init with SIGKILL, which ends
 * every process of the namespace, and nspawn with it.
 */
final class ContainerMachine implements Machine {

    private final Registry.Entry entry;
    private final ProcessHandle nspawn;
    private final Process child; // null when attached to a container of another process
    private final Registry registry;
    private final Watchdog watchdog; // null when attached
    private volatile boolean ended;
    private volatile boolean closed;

    ContainerMachine(Registry.Entry entry, ProcessHandle nspawn, Process child, Registry registry) {
        this(entry, nspawn, child, registry, null);
    }

    ContainerMachine(Registry.Entry entry, ProcessHandle nspawn, Process child, Registry registry, Watchdog watchdog) {
        this.entry = entry;
        this.nspawn = nspawn;
        this.child = child;
        this.registry = registry;
        this.watchdog = watchdog;
    }

    private void releaseWatchdog() {
        if (watchdog != null) {
            watchdog.release();
        }
    }

    /**
     * @return the container's init: the child of nspawn in a PID namespace of its own (nspawn's
     *         short-lived outer child, which sets the container up, is still in nspawn's), or -1
     */
    static long leader(ProcessHandle nspawn) {
        Path own;
        try {
            own = Files.readSymbolicLink(Path.of("/proc", Long.toString(nspawn.pid()), "ns", "pid"));
        } catch (IOException e) {
            return -1;
        }
        for (ProcessHandle c : nspawn.children().toList()) {
            try {
                if (!own.equals(Files.readSymbolicLink(Path.of("/proc", Long.toString(c.pid()), "ns", "pid")))) {
                    return c.pid();
                }
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        return -1;
    }

    long leader() {
        return leader(nspawn);
    }

    long pid() {
        return nspawn.pid();
    }

    Path folder() {
        return entry.folder();
    }

    /** @return the host side of the container's veth pair, or {@code null} */
    String hostInterface() {
        return entry.domain();
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String backend() {
        return ContainerHypervisor.NAME;
    }

    private boolean poweredOff() {
        return child != null && !child.isAlive() && child.exitValue() == 0;
    }

    @Override
    public State state() {
        if (!nspawn.isAlive()) {
            return ended || closed || poweredOff() ? State.STOPPED : State.LOST;
        }
        long leader = leader();
        return leader > 0 && stopped(leader) ? State.PAUSED : State.RUNNING;
    }

    /** @return whether the process is stopped by a signal (state T in /proc/PID/stat) */
    private static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    String goneBecause() {
        if (nspawn.isAlive()) {
            return null;
        }
        if (ended || closed) {
            return "it was stopped";
        }
        if (poweredOff()) {
            return "its system powered off";
        }
        String status = "";
        if (child != null) {
            try {
                child.waitFor();
                status = " (exit status " + child.exitValue() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "its systemd-nspawn process (pid " + nspawn.pid() + ") ended unexpectedly" + status;
    }

    @Override
    public Duration uptime() {
        return entry.uptime();
    }

    @Override
    public Path consoleLog() {
        return entry.console();
    }

    /** The guest's SSH server on the container's own link-local address, port 22 (reachable from this host only). */
    @Override
    public Endpoint ssh() {
        return entry.sshPort() > 0 && entry.uri() != null ? new Endpoint(entry.uri(), entry.sshPort()) : null;
    }

    @Override
    public String awaitReady(Duration timeout) throws NotReadyException, InterruptedException {
        return Console.awaitReady(name(), consoleLog(), timeout, this::goneBecause);
    }

    private long requireRunning() throws IOException {
        if (closed) {
            throw new IOException(name() + " is closed.");
        }
        long leader = leader();
        if (!nspawn.isAlive() || leader <= 0) {
            throw new IOException(name() + " is not running: " + (goneBecause() != null ? goneBecause() : "its container has no init") + ".");
        }
        return leader;
    }

    /** @return every process of the container's PID namespace */
    private static List<String> members(long leader) throws IOException {
        Path ns;
        try {
            ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(leader), "ns", "pid"));
        } catch (IOException e) {
            return List.of();
        }
        List<String> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : proc) {
                try {
                    if (ns.equals(Files.readSymbolicLink(p.resolve("ns").resolve("pid")))) {
                        pids.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return pids;
    }

    private static void signal(String signal, List<String> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> c = new ArrayList<>(List.of("kill", "-s", signal, "--"));
        c.addAll(pids);
        try {
            new ProcessBuilder(c).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill is in every Linux; a process that went meanwhile needs no signal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every process of the container with SIGSTOP (twice: a process forked meanwhile is caught the second time). */
    @Override
    public synchronized void pause() throws IOException {
        long leader = requireRunning();
        for (int round = 0; round < 3; round++) {
            List<String> pids = members(leader);
            List<String> running = pids.stream().filter(p -> !stopped(Long.parseLong(p))).toList();
            if (running.isEmpty() && round > 0) {
                break;
            }
            signal("STOP", running);
        }
    }

    @Override
    public synchronized void resume() throws IOException {
        long leader = requireRunning();
        signal("CONT", members(leader));
    }

    @Override
    public boolean stop(Duration timeout) throws IOException, InterruptedException {
        ended = true;
        if (!nspawn.isAlive()) {
            return true;
        }
        long leader = leader();
        if (leader > 0) {
            signal("CONT", members(leader)); // a stopped system cannot power off
            signal("RTMIN+4", List.of(Long.toString(leader)));
        }
        try {
            nspawn.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        if (!nspawn.isAlive()) {
            return;
        }
        if (!kill(nspawn)) {
            throw new IOException("The container " + name() + " (systemd-nspawn pid " + nspawn.pid() + ") did not end after SIGKILL.");
        }
    }

    /** Kills the container's init (the whole PID namespace goes with it), then nspawn if it is still there. */
    static boolean kill(ProcessHandle nspawn) {
        long leader = leader(nspawn);
        if (leader > 0) {
            ProcessHandle.of(leader).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            nspawn.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            nspawn.destroyForcibly();
            try {
                nspawn.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception x) {
                return false;
            }
        }
        return !nspawn.isAlive();
    }

    @Override
    public void snapshot(String name) throws IOException {
        throw new IOException("The container backend cannot take snapshots; use --backend qemu or libvirt.");
    }

    @Override
    public void restore(String name) throws IOException {
        throw new IOException("The container backend cannot restore snapshots; use --backend qemu or libvirt.");
    }

    @Override
    public void detach() {
        ContainerHypervisor.unlive(this);
        releaseWatchdog();
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
        ContainerHypervisor.unlive(this);
        releaseWatchdog();
        try {
            ContainerHypervisor.removeTree(entry.folder());
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

    void killOnExit() {
        ended = true;
        kill(nspawn);
        releaseWatchdog();
        try {
            ContainerHypervisor.removeTree(entry.folder());
            registry.unregister(name());
        } catch (IOException e) {
            // the JVM is exiting; the registry reports what survived
        }
    }

    @Override
    public String toString() {
        return name() + " (container, systemd-nspawn pid " + nspawn.pid() + ")";
    }
}
