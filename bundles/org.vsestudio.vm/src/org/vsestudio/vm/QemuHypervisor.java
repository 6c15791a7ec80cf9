package org.vsestudio.vm;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * QEMU started directly, without a daemon: {@code qemu-system-x86_64} boots the image's
 * kernel and initrd, with a virtio disk on the machine's own qcow2 overlay, the serial console
 * into a file, a QMP unix socket for control, the guest items as firmware configuration and
 * the accelerator {@link Accelerator#detect()} chooses. A JVM shutdown hook kills the
 * machines of this process that are still running when it exits.
 */
public final class QemuHypervisor implements Hypervisor {

    static final String NAME = "qemu";

    /** The serial console's socket, next to the QMP socket. */
    static final String CONSOLE_SOCKET = "console.sock";

    /** QEMU's arguments, one a line, in the machine's folder. */
    static final String COMMAND_ARGS = "command.args";

    private static final Set<QemuMachine> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(() -> {
            for (QemuMachine m : List.copyOf(LIVE)) {
                m.killOnExit();
            }
        }, "V2M: kill the QEMU machines of this JVM");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private final String qemu;
    private final String qemuImg;
    private final Registry registry;
    private final Accelerator accelerator;

    /** The QEMU of the {@code PATH}, this user's registry, the detected accelerator. */
    public QemuHypervisor() {
        this("qemu-system-x86_64", "qemu-img", Registry.ofUser(), Accelerator.detect().accelerator());
    }

    public QemuHypervisor(Registry registry) {
        this("qemu-system-x86_64", "qemu-img", registry, Accelerator.detect().accelerator());
    }

    public QemuHypervisor(String qemu, String qemuImg, Registry registry, Accelerator accelerator) {
        this.qemu = qemu;
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

    public Registry registry() {
        return registry;
    }

    public Accelerator accelerator() {
        return accelerator;
    }

    @Override
    public String unavailableBecause() {
        if (which(qemu) == null) {
            return qemu + " is not installed; install the Debian package qemu-system-x86.";
        }
        if (which(qemuImg) == null) {
            return qemuImg + " is not installed; install the Debian package qemu-utils.";
        }
        return null;
    }

    static Path which(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public Machine start(MachineSpec spec, Progress progress) throws IOException {
        String missing = unavailableBecause();
        if (missing != null) {
            throw new IOException("Cannot start " + spec.name() + ": " + missing);
        }
        requireFile(spec, spec.disk(), "disk");
        requireFile(spec, spec.kernel(), "kernel");
        if (spec.initrd() != null) {
            requireFile(spec, spec.initrd(), "initrd");
        }
        claimName(registry, spec.name());
        progress.checkCanceled("Starting " + spec.name());
        Files.createDirectories(spec.workFolder());
        // the folder holds the guest items (private keys among them): for this user only
        Path folder = Files.createDirectory(spec.workFolder().resolve(spec.name() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path controlDir = null;
        Process process = null;
        Watchdog watchdog = null;
        try {
            progress.task("Creating the disk overlay of " + spec.name());
            Path overlay = folder.resolve("overlay.qcow2");
            createOverlay(qemuImg, spec.disk(), overlay);
            progress.checkCanceled("Starting " + spec.name());
            List<String> fwcfg = writeGuestItems(spec.guestItems(), folder);
            Path console = folder.resolve("console.log");
            Files.createFile(console);
            Path socket = folder.resolve("qmp.sock");
            if (socket.toString().length() > 100) { // sun_path holds 108 bytes
                controlDir = Files.createTempDirectory("vse-qmp");
                socket = controlDir.resolve("qmp.sock");
            }
            int sshPort = spec.sshHostPort() == 0 ? freePort() : Math.max(spec.sshHostPort(), 0);
            List<String> command = commandLine(qemu, accelerator, spec, overlay, console, socket, fwcfg, sshPort);
            Files.write(folder.resolve("command.txt"), List.of(String.join(" ", command)));
            Files.write(folder.resolve(COMMAND_ARGS), command); // one argument a line: what a restore from a suspend file starts again
            progress.task("Booting " + spec.name() + " (" + accelerator.name() + ")");
            Path qemuLog = folder.resolve("qemu.log");
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(qemuLog.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            // from here on, even a JVM killed with SIGKILL takes this QEMU and its files with it
            watchdog = Watchdog.forQemu(process.pid(), folder, java.util.Arrays.asList(folder, controlDir, registry.entryFile(spec.name())));
            awaitControl(spec.name(), process, socket, qemuLog, progress).close();
            Instant started = Instant.now();
            Registry.Entry entry = new Registry.Entry(spec.name(), NAME, process.pid(), ProcessHandle.current().pid(), null, null,
                    sshPort, console, socket, folder, spec.imageDigest(), started);
            registry.register(entry);
            QemuMachine m = new QemuMachine(entry, process.toHandle(), process, registry, controlDir, watchdog);
            LIVE.add(m);
            return m;
        } catch (IOException | RuntimeException | Error e) {
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            Folders.delete(folder);
            Folders.delete(controlDir);
            if (watchdog != null) {
                watchdog.release();
            }
            throw e;
        }
    }

    static void unlive(QemuMachine m) {
        LIVE.remove(m);
    }

    static void requireFile(MachineSpec spec, Path file, String what) throws IOException {
        if (file == null) {
            throw new IOException("Cannot start " + spec.name() + ": its image has no " + what + " to boot; add linux-image-amd64 to its packages or use --backend container.");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("Cannot start " + spec.name() + ": its " + what + " " + file + " does not exist.");
        }
    }

    /** Refuses a name that a running machine has; removes the stale entry of a gone one. */
    static void claimName(Registry registry, String name) throws IOException {
        Registry.Entry old = registry.get(name);
        if (old != null) {
            if (Registry.suspendFile(old) != null && !Registry.alive(old)) {
                throw new IOException("A machine named " + name + " is suspended to " + Registry.suspendFile(old)
                        + "; resume it ('vse vm resume-from FILE') or destroy it ('vse vm destroy " + name + "') first.");
            }
            if (Registry.alive(old)) {
                throw new IOException("A machine named " + name + " is already running (" + old.backend()
                        + (old.pid() > 0 ? ", pid " + old.pid() : "") + "); stop it first or choose another name.");
            }
            Folders.delete(old.folder());
            registry.unregister(name);
        }
    }

    static void createOverlay(String qemuImg, Path disk, Path overlay) throws IOException {
        Process p = new ProcessBuilder(qemuImg, "create", "-q", "-f", "qcow2", "-b", disk.toAbsolutePath().toString(), "-F", "qcow2",
                overlay.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("qemu-img could not make an overlay of " + disk + ": " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making an overlay of " + disk, e);
        }
    }

    /** Writes each guest item to a file for {@code -fw_cfg}; returns the firmware names, in order. */
    static List<String> writeGuestItems(Map<String, byte[]> items, Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        if (items.isEmpty()) {
            return names;
        }
        Path dir = Files.createDirectories(folder.resolve("guest"));
        for (var e : new java.util.TreeMap<>(items).entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            names.add(e.getKey());
        }
        return names;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** QEMU's option values are comma-separated: a comma in a value is written twice. */
    static String opt(Object value) {
        return value.toString().replace(",", ",,");
    }

    /** A MAC address of QEMU's local range derived from the machine's name and the NIC's index. */
    static String mac(String machine, int index) {
        int h = (machine + "#" + index).hashCode();
        return String.format("52:54:00:%02x:%02x:%02x", h >>> 16 & 0xff, h >>> 8 & 0xff, h & 0xff);
    }

    static List<String> commandLine(String qemu, Accelerator accelerator, MachineSpec spec, Path overlay, Path console, Path socket,
            List<String> guestItems, int sshPort) {
        List<String> c = new ArrayList<>(List.of(qemu, "-name", "guest=" + opt(spec.name()), "-nodefaults", "-no-user-config",
                "-display", "none"));
        c.addAll(List.of(accelerator.qemuArgs()));
        c.addAll(List.of("-m", Integer.toString(spec.memoryMiB()), "-smp", Integer.toString(spec.cpus())));
        c.addAll(List.of("-kernel", spec.kernel().toAbsolutePath().toString()));
        if (spec.initrd() != null) {
            c.addAll(List.of("-initrd", spec.initrd().toAbsolutePath().toString()));
        }
        c.addAll(List.of("-append", spec.commandLine()));
        c.addAll(List.of("-drive", "file=" + opt(overlay) + ",format=qcow2,if=virtio"));
        // the serial console: a socket to attach to (vse vm console), and everything it prints in the log
        c.addAll(List.of("-chardev", "socket,id=serial0,path=" + opt(socket.resolveSibling(CONSOLE_SOCKET)) + ",server=on,wait=off,logappend=on,logfile="
                + opt(console)));
        c.addAll(List.of("-serial", "chardev:serial0"));
        c.addAll(List.of("-qmp", "unix:" + opt(socket) + ",server=on,wait=off"));
        c.addAll(List.of("-device", "virtio-rng-pci"));
        int i = 0;
        for (MachineSpec.Nic nic : spec.nics()) {
            String id = "nic" + i;
            String mac = nic.mac() != null ? nic.mac() : mac(spec.name(), i);
            if (nic.kind() == MachineSpec.Nic.Kind.USER) {
                c.addAll(List.of("-netdev", "user,id=" + id + (sshPort > 0 ? ",hostfwd=tcp:127.0.0.1:" + sshPort + "-:22" : "")));
            } else {
                MachineSpec.PrivateNetwork n = nic.network();
                c.addAll(List.of("-netdev", "socket,id=" + id + ",mcast=" + n.address() + ":" + n.port() + ",localaddr=127.0.0.1"));
            }
            c.addAll(List.of("-device", "virtio-net-pci,netdev=" + id + ",mac=" + mac));
            i++;
        }
        for (String item : guestItems) {
            c.addAll(List.of("-fw_cfg", "name=" + MachineSpec.FW_CFG_PREFIX + item + ",file=" + opt(overlay.resolveSibling("guest").resolve(item))));
        }
        return c;
    }

    private static Qmp awaitControl(String name, Process process, Path socket, Path qemuLog, Progress progress) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            progress.checkCanceled("Starting " + name);
            if (!process.isAlive()) {
                throw new IOException("QEMU could not start " + name + " (exit code " + process.exitValue() + "): " + logTail(qemuLog));
            }
            if (Files.exists(socket)) {
                try {
                    return Qmp.connect(socket);
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while starting " + name, e);
            }
        }
        throw new IOException("QEMU did not open the control socket of " + name + " within 30 s"
                + (last != null ? " (" + last.getMessage() + ")" : "") + ": " + logTail(qemuLog));
    }

    static String logTail(Path log) {
        List<String> lines = Console.lastLines(log, 5);
        return lines.isEmpty() ? "it printed nothing." : String.join(" | ", lines);
    }

    /** @return the temporary folder of the entry's control socket when it is not in the machine's folder, else {@code null} */
    static Path separateControlDir(Registry.Entry entry) {
        if (entry.control() == null || entry.folder() == null || entry.control().getParent().equals(entry.folder())) {
            return null;
        }
        return entry.control().getParent().getFileName().toString().startsWith("vse-qmp") ? entry.control().getParent() : null;
    }

    /** @return whether {@code pid} is a running QEMU process */
    static boolean isQemu(long pid) {
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().command().orElse("") + " " + h.info().commandLine().orElse(""))
                .map(c -> c.contains("qemu")).orElse(false);
    }

    /**
     * Starts a machine suspended by {@link Machine#suspend(Path)} again from its suspend file:
     * the same QEMU arguments on the same overlay, with {@code -incoming exec:cat FILE}; the
     * guest continues where it was (paused if it was paused). The machine is detached: it
     * outlives this process, like the one that was suspended.
     *
     * @throws IOException when no registered machine was suspended to {@code file}, or QEMU cannot load it
     */
    public Machine resumeFrom(Path file, Progress progress) throws IOException {
        Path state = file.toAbsolutePath().normalize();
        Registry.Entry entry = null;
        for (Registry.Listed l : registry.list()) {
            if (state.equals(Registry.suspendFile(l.entry()))) {
                entry = l.entry();
            }
        }
        if (entry == null) {
            throw new IOException("No registered machine was suspended to " + state + "; 'vse vm list' shows the suspended ones.");
        }
        if (!NAME.equals(entry.backend())) {
            return new LibvirtHypervisor(entry.uri(), registry).resumeFrom(entry, state);
        }
        if (!Files.isRegularFile(state)) {
            throw new IOException("The suspend file " + state + " of " + entry.name() + " is gone; 'vse vm destroy " + entry.name()
                    + "' removes the machine.");
        }
        Path folder = entry.folder();
        if (!Files.isRegularFile(folder.resolve(COMMAND_ARGS)) || !Files.isRegularFile(folder.resolve("overlay.qcow2"))) {
            throw new IOException("The overlay of " + entry.name() + " is gone (its folder " + folder + " was removed); 'vse vm destroy "
                    + entry.name() + "' removes the entry and the suspend file.");
        }
        Properties marker = Registry.suspendMarker(entry);
        boolean wasRunning = "running".equals(marker.getProperty("status"));
        List<String> command = new ArrayList<>(Files.readAllLines(folder.resolve(COMMAND_ARGS)));
        command.addAll(List.of("-incoming", "exec:cat " + org.vsestudio.vm.Watchdog.shellQuote(state.toString())));
        progress.task("Restoring " + entry.name() + " from " + state);
        Files.deleteIfExists(entry.control());
        Files.deleteIfExists(entry.control().resolveSibling(CONSOLE_SOCKET));
        Path qemuLog = folder.resolve("qemu.log");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(qemuLog.toFile())).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try (Qmp qmp = awaitControl(entry.name(), process, entry.control(), qemuLog, progress)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                String status = qmp.status();
                if (!"inmigrate".equals(status) && !"restore-vm".equals(status)) {
                    if (wasRunning && !"running".equals(status)) {
                        qmp.command("cont");
                    }
                    break;
                }
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("QEMU did not load " + state + " (status " + status + "): " + logTail(qemuLog));
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("QEMU could not restore " + entry.name() + " from " + state + ": " + e.getMessage()
                    + (process.isAlive() ? "" : " " + logTail(qemuLog)), e);
        }
        Registry.Entry restored = new Registry.Entry(entry.name(), NAME, process.pid(), ProcessHandle.current().pid(), null, null,
                entry.sshPort(), entry.console(), entry.control(), folder, entry.imageDigest(), entry.started());
        registry.register(restored);
        Files.deleteIfExists(folder.resolve(Registry.SUSPENDED));
        Files.deleteIfExists(state);
        return new QemuMachine(restored, process.toHandle(), process, registry, separateControlDir(restored), null);
    }

    /**
     * A machine of the registry, started by this or another process, under this process's control.
     *
     * @throws IOException if it is not a running QEMU machine
     */
    public Machine attach(Registry.Entry entry) throws IOException {
        if (!NAME.equals(entry.backend())) {
            throw new IOException(entry.name() + " runs on " + entry.backend() + ", not on qemu.");
        }
        ProcessHandle handle = ProcessHandle.of(entry.pid()).filter(h -> isQemu(entry.pid()))
                .orElseThrow(() -> new IOException("The QEMU process of " + entry.name() + " (pid " + entry.pid() + ") is gone."));
        Qmp.connect(entry.control()).close();
        return new QemuMachine(entry, handle, null, registry, separateControlDir(entry), null);
    }
}
