package org.vsestudio.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * libvirt through libvirt-java: each machine is a <em>transient</em> domain (created from
 * XML, never defined, so nothing stays behind in libvirt when it ends) that boots the image's
 * kernel directly from the machine's own qcow2 overlay. {@code qemu:///session} unless
 * another connection URI is given ({@code qemu:///system}, {@code test:///default} for tests).
 * The guest's SSH port is forwarded with a QEMU pass-through argument (see {@link DomainXml}),
 * because libvirt 9.0's own {@code <portForward>} needs the passt back-end.
 */
public final class LibvirtHypervisor implements Hypervisor {

    static final String NAME = "libvirt";

    /** The domain names V2M gives its machines start with this. */
    public static final String DOMAIN_PREFIX = "vse-";

    /**
     * libvirt prints every error on standard error besides returning it; V2M turns the returned
     * error into its one sentence, so the printing is switched off (kept referenced: JNA).
     */
    private static final org.libvirt.jna.Libvirt.VirErrorCallback QUIET = (data, error) -> {
    };

    private static volatile boolean quiet;

    private static void quiet() {
        if (!quiet) {
            try {
                Connect.setErrorCallback(QUIET);
            } catch (LibvirtException | LinkageError e) {
                // libvirt's messages stay on standard error
            }
            quiet = true;
        }
    }

    private final String uri;
    private final String qemuImg;
    private final Registry registry;
    private final Accelerator accelerator;

    public LibvirtHypervisor() {
        this("qemu:///session", Registry.ofUser());
    }

    public LibvirtHypervisor(String uri, Registry registry) {
        this(uri, "qemu-img", registry, Accelerator.detect().accelerator());
    }

    public LibvirtHypervisor(String uri, String qemuImg, Registry registry, Accelerator accelerator) {
        quiet();
        this.uri = uri;
        this.qemuImg = qemuImg;
        this.registry = registry;
        this.accelerator = accelerator;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protection protection() {
        return Protection.HIGH;
    }

    public String uri() {
        return uri;
    }

    @Override
    public String unavailableBecause() {
        try {
            Connect c = new Connect(uri);
            c.close();
            return null;
        } catch (LinkageError e) {
            return "libvirt's library is not installed; install the Debian package libvirt0 (" + e.getMessage() + ").";
        } catch (LibvirtException e) {
            return "libvirt cannot connect to " + uri + ": " + message(e) + " (is libvirtd running?).";
        }
    }

    static String message(LibvirtException e) {
        String m = e.getError() != null && e.getError().getMessage() != null ? e.getError().getMessage() : e.getMessage();
        return m == null ? e.toString() : m.strip();
    }

    @Override
    public Machine start(MachineSpec spec, Progress progress) throws IOException {
        if (QemuHypervisor.which(qemuImg) == null) {
            throw new IOException("Cannot start " + spec.name() + ": " + qemuImg + " is not installed; install the Debian package qemu-utils.");
        }
        QemuHypervisor.requireFile(spec, spec.kernel(), "kernel");
        for (Path p : new Path[] {spec.disk(), spec.kernel(), spec.initrd()}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IOException("Cannot start " + spec.name() + ": " + p + " does not exist.");
            }
        }
        QemuHypervisor.claimName(registry, spec.name());
        progress.checkCanceled("Starting " + spec.name());
        Connect connect;
        try {
            connect = new Connect(uri);
        } catch (LinkageError e) {
            throw new IOException("Cannot start " + spec.name() + ": libvirt's library is not installed (Debian package libvirt0).", e);
        } catch (LibvirtException e) {
            throw new IOException("Cannot start " + spec.name() + ": libvirt cannot connect to " + uri + ": " + message(e), e);
        }
        Files.createDirectories(spec.workFolder());
        // QEMU may run as another user (qemu:///system): it must reach the overlay, the console and the guest items
        Path folder = Files.createDirectory(spec.workFolder().resolve(spec.name() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Domain domain = null;
        try {
            progress.task("Creating the disk overlay of " + spec.name());
            Path overlay = folder.resolve("overlay.qcow2");
            QemuHypervisor.createOverlay(qemuImg, spec.disk(), overlay);
            List<String> items = QemuHypervisor.writeGuestItems(spec.guestItems(), folder);
            Path console = folder.resolve("console.log");
            Files.createFile(console);
            int sshPort = spec.sshHostPort() == 0 ? QemuHypervisor.freePort() : Math.max(spec.sshHostPort(), 0);
            String domainName = DOMAIN_PREFIX + spec.name();
            String xml = DomainXml.of(domainName, accelerator, spec, overlay, console, folder.resolve("guest"), items, sshPort);
            Files.writeString(folder.resolve("domain.xml"), xml);
            progress.checkCanceled("Starting " + spec.name());
            progress.task("Booting " + spec.name() + " (libvirt " + uri + ", " + accelerator.name() + ")");
            try {
                domain = connect.domainCreateXML(xml, 0);
            } catch (LibvirtException e) {
                throw new IOException("libvirt could not start " + spec.name() + ": " + message(e), e);
            }
            Registry.Entry entry = new Registry.Entry(spec.name(), NAME, -1, ProcessHandle.current().pid(), uri, domainName, sshPort,
                    console, null, folder, spec.imageDigest(), Instant.now());
            registry.register(entry);
            // a JVM killed with SIGKILL still takes the transient domain and its files with it
            Watchdog watchdog;
            try {
                watchdog = Watchdog.forLibvirt(uri, domain.getUUIDString(), java.util.Arrays.asList(folder, registry.entryFile(spec.name())));
            } catch (LibvirtException e) {
                throw new IOException("libvirt did not tell the UUID of " + spec.name() + ": " + message(e), e);
            }
            return new LibvirtMachine(entry, connect, domain, registry, watchdog);
        } catch (IOException | RuntimeException | Error e) {
            if (domain != null) {
                try {
                    domain.destroy();
                } catch (LibvirtException x) {
                    e.addSuppressed(x);
                }
            }
            try {
                connect.close();
            } catch (LibvirtException x) {
                e.addSuppressed(x);
            }
            Folders.delete(folder);
            throw e;
        }
    }

    /** Restores a machine that {@link Machine#suspend(Path)} saved to {@code state} ({@code virDomainRestore}). */
    Machine resumeFrom(Registry.Entry entry, Path state) throws IOException {
        try {
            Connect connect = new Connect(entry.uri());
            try {
                connect.restore(state.toString());
                Files.deleteIfExists(entry.folder().resolve(Registry.SUSPENDED));
                Files.deleteIfExists(state);
                return new LibvirtMachine(entry, connect, connect.domainLookupByName(entry.domain()), registry);
            } catch (LibvirtException e) {
                connect.close();
                throw e;
            }
        } catch (LibvirtException e) {
            throw new IOException("libvirt could not restore " + entry.name() + " from " + state + ": " + message(e), e);
        }
    }

    /** A machine of the registry, started by this or another process, under this process's control. */
    public Machine attach(Registry.Entry entry) throws IOException {
        if (!NAME.equals(entry.backend())) {
            throw new IOException(entry.name() + " runs on " + entry.backend() + ", not on libvirt.");
        }
        try {
            Connect connect = new Connect(entry.uri());
            try {
                return new LibvirtMachine(entry, connect, connect.domainLookupByName(entry.domain()), registry);
            } catch (LibvirtException e) {
                connect.close();
                throw e;
            }
        } catch (LibvirtException e) {
            throw new IOException("The domain " + entry.domain() + " of " + entry.name() + " is not running on " + entry.uri() + ": "
                    + message(e), e);
        }
    }

    /** @return whether a domain of that name is active on that connection (false if libvirt cannot tell) */
    static boolean domainExists(String uri, String domain) {
        if (uri == null || domain == null) {
            return false;
        }
        quiet();
        try {
            Connect c = new Connect(uri, true);
            try {
                return c.domainLookupByName(domain).isActive() == 1;
            } finally {
                c.close();
            }
        } catch (LibvirtException | LinkageError e) {
            return false;
        }
    }
}
