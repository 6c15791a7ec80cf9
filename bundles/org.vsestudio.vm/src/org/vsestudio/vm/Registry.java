package org.vsestudio.vm;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The machines V2M started on this host, whichever process started them: one small
 * properties file per machine in a folder ({@code $XDG_RUNTIME_DIR/vse-studio/vms}, else
 * {@code ~/.cache/vse-studio/vms}), written when a machine starts and removed when it is
 * closed. A later process ({@code vse vm list|stop|…}) reads it to list and control those
 * machines; an entry whose QEMU process or libvirt domain is gone is stale, reported as such
 * and removed by {@link #clean()} together with the folder that was made for it.
 */
public final class Registry {

    /**
     * What is known of one machine.
     *
     * @param name        the machine's name (the entry's file name)
     * @param backend     {@code qemu}, {@code libvirt} or {@code container}
     * @param pid         the QEMU process, or systemd-nspawn's for a container ({@code -1} for libvirt, which owns its processes)
     * @param ownerPid    the process that started the machine
     * @param uri         libvirt's connection URI; a container's own address ({@code null} for qemu)
     * @param domain      libvirt's domain name; a container's host-side network interface ({@code null} for qemu)
     * @param sshPort     the host port forwarded to the guest's SSH server (0 if none)
     * @param console     the serial console's log file
     * @param control     QEMU's QMP socket ({@code null} for libvirt)
     * @param folder      the folder made for the machine (overlay, console, sockets)
     * @param imageDigest the digest of the image it runs ({@code null} if unknown)
     * @param started     when it was started
     */
    public record Entry(String name, String backend, long pid, long ownerPid, String uri, String domain, int sshPort, Path console,
            Path control, Path folder, String imageDigest, Instant started) {

        public Duration uptime() {
            return Duration.between(started, Instant.now());
        }
    }

    /** An entry and whether what it names still runs. */
    public record Listed(Entry entry, boolean alive) {
    }

    private final Path folder;

    public Registry(Path folder) {
        this.folder = folder;
    }

    /** The registry of this user: {@code $XDG_RUNTIME_DIR/vse-studio/vms}, else {@code $XDG_CACHE_HOME} or {@code ~/.cache}. */
    public static Registry ofUser() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new Registry(Path.of(runtime, "vse-studio", "vms"));
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return new Registry(base.resolve("vse-studio").resolve("vms"));
    }

    public Path folder() {
        return folder;
    }

    /** @return the file of the entry {@code name} (which need not exist) */
    Path entryFile(String name) {
        return file(name);
    }

    private Path file(String name) {
        return folder.resolve(name + ".properties");
    }

    /** Records a started machine (replacing an entry of that name). */
    public void register(Entry e) throws IOException {
        Files.createDirectories(folder);
        Properties p = new Properties();
        p.setProperty("name", e.name());
        p.setProperty("backend", e.backend());
        p.setProperty("pid", Long.toString(e.pid()));
        p.setProperty("ownerPid", Long.toString(e.ownerPid()));
        put(p, "uri", e.uri());
        put(p, "domain", e.domain());
        p.setProperty("sshPort", Integer.toString(e.sshPort()));
        put(p, "console", e.console());
        put(p, "control", e.control());
        put(p, "folder", e.folder());
        put(p, "imageDigest", e.imageDigest());
        p.setProperty("started", e.started().toString());
        Path tmp = folder.resolve("." + e.name() + "." + ProcessHandle.current().pid() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "A machine started by VSE Studio");
        }
        try {
            Files.move(tmp, file(e.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException x) {
            Files.move(tmp, file(e.name()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void put(Properties p, String key, Object value) {
        if (value != null) {
            p.setProperty(key, value.toString());
        }
    }

    public void unregister(String name) throws IOException {
        Files.deleteIfExists(file(name));
    }

    /** @return the entry of {@code name}, or {@code null} */
    public Entry get(String name) throws IOException {
        Path f = file(name);
        return Files.exists(f) ? read(f) : null;
    }

    private static Entry read(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new Entry(p.getProperty("name"), p.getProperty("backend"), Long.parseLong(p.getProperty("pid", "-1")),
                    Long.parseLong(p.getProperty("ownerPid", "-1")), p.getProperty("uri"), p.getProperty("domain"),
                    Integer.parseInt(p.getProperty("sshPort", "0")), path(p, "console"), path(p, "control"), path(p, "folder"),
                    p.getProperty("imageDigest"), Instant.parse(p.getProperty("started")));
        } catch (RuntimeException e) {
            throw new IOException("The machine registry entry " + f + " is damaged: " + e.getMessage(), e);
        }
    }

    private static Path path(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null ? null : Path.of(v);
    }

    /** @return every entry, in name order, each with whether its machine still runs */
    /**
     * Reattaches to a registered machine, for whatever backend started it.
     *
     * @return a {@link Machine} that controls it (closing it destroys the machine and removes its entry)
     * @throws IOException when the backend cannot reach the machine
     */
    public Machine attach(Entry entry) throws IOException {
        return switch (entry.backend()) {
            case "libvirt" -> new LibvirtHypervisor(entry.uri(), this).attach(entry);
            case "qemu" -> new QemuHypervisor(this).attach(entry);
            case "container" -> new ContainerHypervisor(this).attach(entry);
            default -> throw new IOException(entry.name() + " was started by the backend '" + entry.backend() + "', which this version does not know.");
        };
    }

    public List<Listed> list() throws IOException {
        List<Listed> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                try {
                    Entry e = read(f);
                    out.add(new Listed(e, alive(e)));
                } catch (IOException | RuntimeException e) {
                    // a file being replaced or damaged: not a machine
                }
            }
        }
        return out;
    }

    /**
     * Removes the entries whose machine is gone, with the folders that were made for them.
     *
     * @return the removed entries
     */
    public List<Entry> clean() throws IOException {
        List<Entry> stale = new ArrayList<>();
        for (Listed l : list()) {
            if (!l.alive() && suspendFile(l.entry()) == null) {
                stale.add(l.entry());
                Folders.delete(l.entry().folder());
                Folders.delete(QemuHypervisor.separateControlDir(l.entry()));
                unregister(l.entry().name());
            }
        }
        return stale;
    }

    /** The marker file in a suspended machine's folder: {@code file=} the suspend file, {@code status=} its run state then. */
    static final String SUSPENDED = "suspended";

    /** @return the suspend file of a machine suspended to a file, or {@code null} */
    public static Path suspendFile(Entry e) {
        String f = suspendMarker(e).getProperty("file");
        return f == null ? null : Path.of(f);
    }

    static Properties suspendMarker(Entry e) {
        Properties p = new Properties();
        if (e.folder() != null && Files.isRegularFile(e.folder().resolve(SUSPENDED))) {
            try (Reader r = Files.newBufferedReader(e.folder().resolve(SUSPENDED), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException x) {
                // not readable: not suspended
            }
        }
        return p;
    }

    static void markSuspended(Entry e, Path file, String status) throws IOException {
        Properties p = new Properties();
        p.setProperty("file", file.toAbsolutePath().normalize().toString());
        p.setProperty("status", status);
        try (Writer w = Files.newBufferedWriter(e.folder().resolve(SUSPENDED), StandardCharsets.UTF_8)) {
            p.store(w, "suspended to a file by VSE Studio");
        }
    }

    /** Removes a machine that no longer runs (stale or suspended): its folder, its suspend file and its entry. */
    public void discard(Entry e) throws IOException {
        if (alive(e)) {
            throw new IOException(e.name() + " is running; destroy it instead.");
        }
        Path state = suspendFile(e);
        if (state != null) {
            Files.deleteIfExists(state);
        }
        Folders.delete(e.folder());
        Folders.delete(QemuHypervisor.separateControlDir(e));
        unregister(e.name());
    }

    /** @return whether the QEMU process or libvirt domain of {@code e} still exists */
    public static boolean alive(Entry e) {
        if ("libvirt".equals(e.backend())) {
            return LibvirtHypervisor.domainExists(e.uri(), e.domain());
        }
        if ("container".equals(e.backend())) {
            return ContainerHypervisor.isNspawn(e.pid());
        }
        return QemuHypervisor.isQemu(e.pid());
    }
}
