package org.vsestudio.vm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/** A machine run as a transient libvirt domain. */
final class LibvirtMachine implements Machine {

    private volatile Registry.Entry entry;
    private volatile Connect connect;
    private volatile Domain domain;
    private final Registry registry;
    private volatile boolean ended;
    private volatile boolean closed;

    private Watchdog watchdog; // null when attached, or without virsh

    LibvirtMachine(Registry.Entry entry, Connect connect, Domain domain, Registry registry) {
        this(entry, connect, domain, registry, null);
    }

    LibvirtMachine(Registry.Entry entry, Connect connect, Domain domain, Registry registry, Watchdog watchdog) {
        this.watchdog = watchdog;
        this.entry = entry;
        this.connect = connect;
        this.domain = domain;
        this.registry = registry;
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String backend() {
        return LibvirtHypervisor.NAME;
    }

    String domainName() {
        return entry.domain();
    }

    /** @return the domain's XML as libvirt has it now */
    synchronized String liveXml() throws IOException {
        try {
            return domain.getXMLDesc(0);
        } catch (LibvirtException e) {
            throw failure("describe", e);
        }
    }

    @Override
    public synchronized State state() {
        if (closed) {
            return State.STOPPED;
        }
        DomainInfo.DomainState s;
        try {
            s = domain.getInfo().state;
        } catch (LibvirtException e) {
            // a transient domain that ended is gone; or libvirtd restarted and this connection is dead
            if (!Boolean.TRUE.equals(reconnect())) {
                return ended ? State.STOPPED : State.LOST;
            }
            try {
                s = domain.getInfo().state;
            } catch (LibvirtException x) {
                return ended ? State.STOPPED : State.LOST;
            }
        }
        return switch (s) {
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> State.PAUSED;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_CRASHED -> ended ? State.STOPPED : State.LOST;
            default -> State.RUNNING;
        };
    }

    /**
     * Connects to libvirt again: after libvirtd restarted, every call on the old connection
     * fails, while the domain (its QEMU) runs on and the restarted libvirtd knows it again.
     *
     * @return {@code TRUE} the domain is there (looked up on the new connection), {@code FALSE}
     *         it is not, {@code null} libvirtd does not answer (yet)
     */
    private synchronized Boolean reconnect() {
        Connect fresh;
        try {
            fresh = new Connect(entry.uri());
        } catch (LibvirtException e) {
            return null;
        }
        Connect old = connect;
        connect = fresh;
        try {
            old.close();
        } catch (LibvirtException e) {
            // it was dead
        }
        try {
            domain = fresh.domainLookupByName(entry.domain());
            return Boolean.TRUE;
        } catch (LibvirtException e) {
            return Boolean.FALSE;
        }
    }

    private String goneBecause() {
        if (closed || ended) {
            return "it was stopped";
        }
        State s = state();
        if ((s == State.LOST || s == State.STOPPED) && reconnect() == null) {
            return null; // libvirtd does not answer (restarting?): nothing known yet, keep waiting
        }
        return s == State.LOST || s == State.STOPPED ? "its libvirt domain " + entry.domain() + " is gone" : null;
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

    private IOException failure(String what, LibvirtException e) {
        return new IOException("libvirt could not " + what + " " + name() + ": " + LibvirtHypervisor.message(e), e);
    }

    @Override
    public synchronized void pause() throws IOException {
        try {
            domain.suspend();
        } catch (LibvirtException e) {
            throw failure("pause", e);
        }
    }

    @Override
    public synchronized void resume() throws IOException {
        try {
            domain.resume();
        } catch (LibvirtException e) {
            throw failure("resume", e);
        }
    }

    @Override
    public boolean stop(Duration timeout) throws IOException, InterruptedException {
        ended = true;
        synchronized (this) {
            try {
                if (domain.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                    domain.resume();
                }
                domain.shutdown();
            } catch (LibvirtException e) {
                if (!active()) {
                    return true;
                }
                throw failure("power off", e);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!active()) {
                return true;
            }
            Thread.sleep(200);
        }
        destroy();
        return false;
    }

    private synchronized boolean active() {
        return !Boolean.FALSE.equals(activeOrUnknown());
    }

    /** @return whether the domain runs, or {@code null} while libvirtd does not answer */
    private synchronized Boolean activeOrUnknown() {
        try {
            return domain.isActive() == 1;
        } catch (LibvirtException e) {
            Boolean found = reconnect();
            if (!Boolean.TRUE.equals(found)) {
                return found;
            }
            try {
                return domain.isActive() == 1;
            } catch (LibvirtException x) {
                return null;
            }
        }
    }

    /**
     * Destroys the domain; while libvirtd does not answer (a restart), tries again for up to a
     * minute, so that a restart during a launch does not leave the domain running.
     */
    @Override
    public synchronized void destroy() throws IOException {
        ended = true;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Boolean active = activeOrUnknown();
            if (Boolean.FALSE.equals(active)) {
                return;
            }
            LibvirtException error = null;
            if (active != null) {
                try {
                    domain.destroy();
                    return;
                } catch (LibvirtException e) {
                    if (Boolean.FALSE.equals(activeOrUnknown())) {
                        return;
                    }
                    error = e;
                }
            }
            if (System.nanoTime() > deadline) {
                if (error != null) {
                    throw failure("destroy", error);
                }
                throw new IOException("libvirt at " + entry.uri() + " does not answer, so " + name() + " could not be destroyed; 'vse vm destroy "
                        + name() + "' ends it once libvirtd runs again.");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while destroying " + name(), e);
            }
        }
    }

    @Override
    public synchronized void snapshot(String name) throws IOException {
        if (name == null || !QemuMachine.SNAPSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A snapshot name must be 1 to 64 letters, digits, dots, dashes or underscores: '" + name + "'.");
        }
        try {
            domain.snapshotCreateXML("<domainsnapshot><name>" + name + "</name></domainsnapshot>");
        } catch (LibvirtException e) {
            throw failure("save the snapshot " + name + " of", e);
        }
    }

    @Override
    public synchronized void restore(String name) throws IOException {
        try {
            domain.revertToSnapshot(domain.snapshotLookupByName(name));
        } catch (LibvirtException e) {
            throw failure("restore the snapshot " + name + " of", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (Registry.suspendFile(entry) != null && !LibvirtHypervisor.domainExists(entry.uri(), entry.domain())) {
            closed = true; // suspended to a file: the overlay and the entry stay for the restore
            if (watchdog != null) {
                watchdog.release();
            }
            return;
        }
        IOException failure = null;
        try {
            destroy();
        } catch (IOException e) {
            failure = e;
        }
        closed = true;
        try {
            domain.free();
        } catch (LibvirtException e) {
            // freed with the connection
        }
        try {
            connect.close();
        } catch (LibvirtException e) {
            // nothing stays open on our side
        }
        try {
            Folders.delete(entry.folder());
            registry.unregister(name());
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (watchdog != null) {
            watchdog.release();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized void suspend(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(target)) {
            throw new IOException(target + " exists already; choose a new file to suspend " + name() + " to.");
        }
        String status = state() == State.PAUSED ? "paused" : "running";
        Registry.markSuspended(entry, target, status);
        try {
            ended = true;
            domain.save(target.toString()); // the domain ends; a transient one is then forgotten
        } catch (LibvirtException e) {
            java.nio.file.Files.deleteIfExists(entry.folder().resolve(Registry.SUSPENDED));
            ended = false;
            throw failure("suspend to " + target + " the machine", e);
        }
        if (watchdog != null) {
            watchdog.release();
        }
    }

    @Override
    public synchronized void migrate(String destinationUri) throws IOException {
        Connect destination;
        try {
            destination = new Connect(destinationUri);
        } catch (LibvirtException e) {
            throw new IOException("libvirt cannot connect to " + destinationUri + ": " + LibvirtHypervisor.message(e), e);
        }
        Domain moved;
        try {
            // live; the disk overlay, kernel and console stay where they are (one host, shared files)
            moved = domain.migrate(destination, MIGRATE_LIVE, null, null, 0);
        } catch (LibvirtException e) {
            try {
                destination.close();
            } catch (LibvirtException x) {
                e.addSuppressed(x);
            }
            throw failure("migrate to " + destinationUri + " the machine", e);
        }
        Registry.Entry old = entry;
        entry = new Registry.Entry(old.name(), old.backend(), old.pid(), old.ownerPid(), destinationUri, old.domain(), old.sshPort(),
                old.console(), old.control(), old.folder(), old.imageDigest(), old.started());
        registry.register(entry);
        try {
            domain.free();
            connect.close();
        } catch (LibvirtException e) {
            // the old connection's objects only
        }
        domain = moved;
        connect = destination;
        if (watchdog != null) { // it would destroy the domain by UUID on the old connection: watch the new one
            watchdog.release();
            try {
                watchdog = Watchdog.forLibvirt(destinationUri, moved.getUUIDString(), java.util.Arrays.asList(entry.folder(),
                        registry.entryFile(entry.name())));
            } catch (LibvirtException e) {
                watchdog = null;
            }
        }
    }

    /** virDomainMigrateFlags: VIR_MIGRATE_LIVE. */
    private static final long MIGRATE_LIVE = 1;

    @Override
    public synchronized void detach() {
        if (watchdog != null) {
            watchdog.release();
        }
    }

    @Override
    public String toString() {
        return name() + " (libvirt " + entry.uri() + ", domain " + entry.domain() + ")";
    }
}
