package org.vsestudio.vm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Containers: the image's root file tree booted by {@code systemd-nspawn -b} — its own
 * systemd, PID and network namespace, the host's kernel (hence {@link Protection#MEDIUM}).
 *
 * <ul>
 * <li>The tree is derived once per image digest into a cache folder
 * ({@code $XDG_CACHE_HOME} or {@code ~/.cache} + {@code /vse-studio/containers/DIGEST}): the
 * qcow2 disk is converted to raw, mounted read-only through a loop device and copied with
 * {@code cp -a} (owners, modes with set-uid bits, links, device nodes, extended attributes),
 * in a temporary folder renamed into place; a squashfs root is unpacked with {@code unsquashfs}.
 * <li>Every container runs with {@code --volatile=overlay}: nspawn lays a tmpfs overlay over
 * the tree in the container's own mount namespace, so the tree is never written, two
 * containers never share writes, and nothing is mounted on the host.
 * <li>The guest items are bound read-only to {@code /run/vse-guest}, where the image's
 * guest-setup unit reads them; the console ({@code --console=read-only}) goes to the
 * machine's {@code console.log}, where the image's readiness unit writes its line.
 * <li>Network: {@code --private-network} and one veth pair ({@code vseXXXXXXXX} on the host,
 * {@code vse0} inside) with a /30 of 169.254.0.0/16 whose two addresses the host sets from
 * outside; the guest's SSH server is reachable from this host only, on port 22 of the
 * container's address (the host's own port 22 is never touched).
 * </ul>
 */
public final class ContainerHypervisor implements Hypervisor {

    static final String NAME = "container";

    private static final Set<ContainerMachine> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ContainerMachine m : List.copyOf(LIVE)) {
                m.killOnExit();
            }
        }, "V2M: kill the containers of this JVM"));
    }

    private final Registry registry;
    private final Path cache;

    public ContainerHypervisor() {
        this(Registry.ofUser());
    }

    public ContainerHypervisor(Registry registry) {
        this(registry, defaultCache());
    }

    /** @param cache where the image trees are kept, one folder per image digest */
    public ContainerHypervisor(Registry registry, Path cache) {
        this.registry = registry;
        this.cache = cache;
    }

    static Path defaultCache() {
        String c = System.getenv("XDG_CACHE_HOME");
        Path base = c != null && !c.isBlank() ? Path.of(c) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vse-studio").resolve("containers");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protection protection() {
        return Protection.MEDIUM;
    }

    public Registry registry() {
        return registry;
    }

    public Path cache() {
        return cache;
    }

    @Override
    public String unavailableBecause() {
        if (QemuHypervisor.which("systemd-nspawn") == null) {
            return "systemd-nspawn is not installed; install the Debian package systemd-container.";
        }
        if (!isRoot()) {
            return "the container backend runs systemd-nspawn, which needs root; run as root or use --backend qemu.";
        }
        for (String tool : List.of("ip", "nsenter", "mount")) {
            if (QemuHypervisor.which(tool) == null) {
                return tool + " is not installed; install the Debian package " + ("ip".equals(tool) ? "iproute2" : "util-linux") + ".";
            }
        }
        return null;
    }

    static boolean isRoot() {
        try {
            return "0".equals(run(List.of("id", "-u")).strip());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The image's root tree, derived once per digest.
     *
     * @return the cached tree of {@code disk} (a {@code .qcow2}/raw ext4 disk or a {@code .squashfs})
     */
    public Path tree(Path disk, String digest, Progress progress) throws IOException {
        String key = digest != null ? digest.replaceFirst("^sha256:", "") : Integer.toHexString(disk.toAbsolutePath().toString().hashCode())
                + "-" + Files.getLastModifiedTime(disk).toMillis();
        Path tree = cache.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (Files.isDirectory(tree.resolve("usr"))) {
            return tree;
        }
        progress.task("Unpacking the image's root file tree for containers (once per image)");
        Files.createDirectories(cache);
        Path tmp = Files.createTempDirectory(cache, ".unpacking-");
        Path mnt = null;
        try {
            Path root = tmp.resolve("root");
            if (disk.getFileName().toString().endsWith(".squashfs")) {
                run(List.of("unsquashfs", "-q", "-n", "-d", root.toString(), disk.toString()));
            } else {
                Path raw = tmp.resolve("disk.raw");
                run(List.of("qemu-img", "convert", "-O", "raw", disk.toString(), raw.toString()));
                mnt = Files.createDirectory(tmp.resolve("mnt"));
                run(List.of("mount", "-o", "loop,ro,noexec,nodev,nosuid", raw.toString(), mnt.toString()));
                try {
                    run(List.of("cp", "-a", mnt + "/.", Files.createDirectory(root).toString()));
                } finally {
                    run(List.of("umount", "-d", mnt.toString()));
                    mnt = null;
                }
                Files.delete(raw);
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(root, tree, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(tree.resolve("usr"))) { // another process made it meanwhile: use theirs
                    throw new IOException("Could not put the container tree of " + disk + " into " + tree + ": " + e.getMessage(), e);
                }
            }
            return tree;
        } finally {
            if (mnt != null) {
                try {
                    run(List.of("umount", "-d", mnt.toString()));
                } catch (IOException e) {
                    // the failure that got here is the one to report
                }
            }
            removeTree(tmp);
        }
    }

    /** Removes a folder that may hold a whole root tree (device nodes, immutable bits aside). */
    static void removeTree(Path folder) throws IOException {
        if (folder != null && Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            run(List.of("rm", "-rf", "--one-file-system", folder.toString()));
        }
    }

    @Override
    public Machine start(MachineSpec spec, Progress progress) throws IOException {
        String missing = unavailableBecause();
        if (missing != null) {
            throw new IOException("Cannot start " + spec.name() + ": " + missing);
        }
        if (!Files.isRegularFile(spec.disk())) {
            throw new IOException("Cannot start " + spec.name() + ": its disk " + spec.disk() + " does not exist.");
        }
        long users = spec.nics().stream().filter(n -> n.kind() == MachineSpec.Nic.Kind.USER).count();
        if (spec.nics().stream().anyMatch(n -> n.kind() == MachineSpec.Nic.Kind.PRIVATE)) {
            throw new UnsupportedOperationException("The container backend cannot join " + spec.name()
                    + " to a private network of machines yet; use --backend qemu or libvirt.");
        }
        if (users > 1) {
            throw new UnsupportedOperationException("A container has one network interface to the host, not " + users + ".");
        }
        QemuHypervisor.claimName(registry, spec.name());
        progress.checkCanceled("Starting " + spec.name());
        Path tree = tree(spec.disk(), spec.imageDigest(), progress);
        progress.checkCanceled("Starting " + spec.name());
        Files.createDirectories(spec.workFolder());
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Path folder = Files.createDirectory(spec.workFolder().resolve(spec.name() + "-" + id),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Process process = null;
        ContainerMachine machine = null;
        try {
            Path guest = Files.createDirectory(folder.resolve("guest"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (var e : new java.util.TreeMap<>(spec.guestItems()).entrySet()) {
                Files.write(guest.resolve(e.getKey()), e.getValue());
            }
            Path console = Files.createFile(folder.resolve("console.log"));
            String hostIf = users > 0 ? "vse" + id : null;
            int[] net = users > 0 ? freeSubnet() : null;
            List<String> command = new ArrayList<>(List.of("systemd-nspawn", "--quiet", "--boot", "--directory=" + tree,
                    "--volatile=overlay", "--register=no", "--keep-unit", "--machine=" + spec.name(), "--private-network",
                    "--console=read-only", "--bind-ro=" + guest + ":/run/vse-guest"));
            if (hostIf != null) {
                command.add("--network-veth-extra=" + hostIf + ":vse0");
            }
            Files.write(folder.resolve("command.txt"), List.of(String.join(" ", command)));
            if (spec.memoryMiB() > 0) {
                progress.task(spec.name() + " shares the host's memory and CPUs: the container backend does not apply the profile's "
                        + spec.memoryMiB() + " MiB and " + spec.cpus() + " CPU(s)");
            }
            progress.task("Booting " + spec.name() + " (systemd-nspawn)");
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).redirectOutput(console.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            long leader = awaitLeader(spec.name(), process, console, progress);
            String address = null;
            if (hostIf != null) {
                address = configureNetwork(spec.name(), process, leader, hostIf, net, progress);
            }
            Registry.Entry entry = new Registry.Entry(spec.name(), NAME, process.pid(), ProcessHandle.current().pid(), address, hostIf,
                    address != null ? 22 : 0, console, null, folder, spec.imageDigest(), Instant.now());
            registry.register(entry);
            machine = new ContainerMachine(entry, process.toHandle(), process, registry,
                    Watchdog.forContainer(process.pid(), folder, java.util.Arrays.asList(folder, registry.entryFile(spec.name()))));
            LIVE.add(machine);
            return machine;
        } catch (IOException | RuntimeException | Error e) {
            if (process != null) {
                ContainerMachine.kill(process.toHandle());
            }
            removeTree(folder);
            throw e;
        }
    }

    static void unlive(ContainerMachine m) {
        LIVE.remove(m);
    }

    /** Waits for the container's init (nspawn's child) to exist. */
    private static long awaitLeader(String name, Process process, Path console, Progress progress) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            progress.checkCanceled("Starting " + name);
            long leader = ContainerMachine.leader(process.toHandle());
            if (leader > 0) {
                return leader;
            }
            if (!process.isAlive()) {
                throw new IOException("systemd-nspawn could not start " + name + " (exit code " + process.exitValue() + "): "
                        + QemuHypervisor.logTail(console));
            }
            sleep(20);
        }
        throw new IOException("systemd-nspawn did not start the container " + name + " within 30 s: " + QemuHypervisor.logTail(console));
    }

    /** Gives the veth pair its two addresses, from the host side: @return the container's address */
    private static String configureNetwork(String name, Process process, long leader, String hostIf, int[] net, Progress progress)
            throws IOException {
        String prefix = "169.254." + net[0] + ".";
        String hostAddress = prefix + (net[1] + 1);
        String guestAddress = prefix + (net[1] + 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(Path.of("/sys/class/net", hostIf))) {
            progress.checkCanceled("Starting " + name);
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("systemd-nspawn did not make the network interface " + hostIf + " of " + name + ".");
            }
            sleep(20);
        }
        run(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostIf));
        run(List.of("ip", "link", "set", hostIf, "up"));
        String netns = "--net=/proc/" + leader + "/ns/net";
        while (true) { // nspawn moves vse0 into the container's namespace a moment after making the pair
            try {
                run(List.of("nsenter", netns, "ip", "addr", "add", guestAddress + "/30", "dev", "vse0"));
                break;
            } catch (IOException e) {
                progress.checkCanceled("Starting " + name);
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(20);
            }
        }
        run(List.of("nsenter", netns, "ip", "link", "set", "vse0", "up"));
        return guestAddress;
    }

    /** @return {x, y}: a /30 169.254.x.y that no interface of this host uses (169.254.169.0/24 left alone) */
    static int[] freeSubnet() throws IOException {
        String used = run(List.of("ip", "-o", "-4", "addr", "show"));
        for (int attempt = 0; attempt < 100; attempt++) {
            int x = 1 + ThreadLocalRandom.current().nextInt(253);
            int y = 4 * ThreadLocalRandom.current().nextInt(63);
            if (x != 169 && !used.contains(" 169.254." + x + "." + (y + 1) + "/") && !used.contains(" 169.254." + x + "." + (y + 2) + "/")) {
                return new int[] { x, y };
            }
        }
        throw new IOException("Found no free link-local /30 for a container.");
    }

    static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** Runs a host tool: @return its output; fails with its words when it fails */
    static String run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " could not be run: " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), e);
        }
        if (status != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit code " + status + "): " + out.strip());
        }
        return out;
    }

    /** @return whether {@code pid} is a running systemd-nspawn */
    static boolean isNspawn(long pid) {
        return pid > 0 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().command().orElse("") + " " + h.info().commandLine().orElse("")).map(c -> c.contains("systemd-nspawn"))
                .orElse(false);
    }

    /** A container of the registry, started by this or another process, under this process's control. */
    public Machine attach(Registry.Entry entry) throws IOException {
        if (!NAME.equals(entry.backend())) {
            throw new IOException(entry.name() + " runs on " + entry.backend() + ", not on container.");
        }
        ProcessHandle handle = ProcessHandle.of(entry.pid()).filter(h -> isNspawn(entry.pid()))
                .orElseThrow(() -> new IOException("The systemd-nspawn process of " + entry.name() + " (pid " + entry.pid() + ") is gone."));
        return new ContainerMachine(entry, handle, null, registry);
    }
}
