package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.vsestudio.image.Manifest;
import org.vsestudio.remote.ShellQuote;
import org.vsestudio.vm.Hypervisor;
import org.vsestudio.vm.Machine;
import org.vsestudio.vm.MachineSpec;
import org.vsestudio.vm.NotReadyException;
import org.vsestudio.vm.Progress;
import org.vsestudio.vm.Watchdog;

/**
 * Runs a {@link SandboxPlan} on a {@link Hypervisor}: starts its machines level by level on
 * copy-on-write overlays (a level's machines together, the next level once all of them are
 * ready), runs the command on the first machine over SSH, and tears every machine down
 * afterwards — on success, failure, a machine that does not get ready, and when the JVM is
 * ended (SIGTERM, Ctrl-C: a shutdown hook) — unless {@code keep}.
 *
 * <p>The host makes every machine's SSH host key and hands it in (so nothing is accepted
 * blindly), and for a machine set also: the private network's address ({@code network}),
 * {@code hosts}, {@code hostfile}, one key pair of the set ({@code id_ed25519}) that lets the
 * machines' accounts reach each other, and {@code known_hosts} with every machine's host key
 * under its name and its private address. Headless: the command line and the IDE launch
 * use it alike.
 */
final class Sandbox {

    /** A built image: its folder and manifest. */
    record Image(Path folder, Manifest manifest) {
    }

    /**
     * What to run.
     *
     * @param plan the machines
     * @param images the image of each environment of the plan, by environment name
     * @param hypervisor the backend
     * @param user the account the command runs as
     * @param workdir the command's working directory in the guest, or {@code null}
     * @param timeoutSeconds how long each level may take to get ready
     * @param keep leave the machines running
     * @param command the command and its arguments
     * @param privateNetwork connect the machines by a private network (a machine set)
     */
    record Request(SandboxPlan plan, Map<String, Image> images, Hypervisor hypervisor, String user, String workdir, long timeoutSeconds,
            boolean keep, List<String> command, boolean privateNetwork) {
    }

    private final Request request;
    private final PrintStream err;
    private final List<Machine> machines = new CopyOnWriteArrayList<>();
    private Path work;
    private Watchdog workWatchdog; // removes the work folder (keys) when this JVM is killed, SIGKILL included
    private volatile boolean finished;

    Sandbox(Request request, PrintStream err) {
        this.request = request;
        this.err = err;
    }

    /** The remote command line: {@code cd DIR && COMMAND}, every argument quoted. */
    static String remoteCommand(List<String> command, String workdir) {
        String c = ShellQuote.command(command);
        return workdir == null ? c : "cd " + ShellQuote.quote(workdir) + " && " + c;
    }

    /** @return the command's exit code, or {@link Command#USAGE} when a machine did not get ready */
    int run() throws IOException, InterruptedException, Command.UsageException {
        work = Files.createTempDirectory("vse-run");
        // others may pass through (libvirt's QEMU runs as libvirt-qemu with qemu:///system and must reach the
        // machines' folders) but not list it; the keys are in a folder of their own that only this user can enter
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        workWatchdog = Watchdog.removeWhenJvmDies(work);
        Thread hook = new Thread(this::tearDown, "vse run teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean kept = false;
        try {
            int exit = startAndRun();
            kept = request.keep() && exit != Integer.MIN_VALUE;
            return exit == Integer.MIN_VALUE ? Command.USAGE : exit;
        } finally {
            if (kept) {
                finished = true;
                machines.forEach(Machine::detach);
                workWatchdog.release();
                // the keys of this run go now; what each machine needs is in its own folder, removed with it
                new ProcessBuilder("rm", "-rf", "--one-file-system", work.resolve("keys").toString()).start().waitFor();
                List<String> names = machines.stream().map(Machine::name).toList();
                err.println("vse run: " + String.join(", ", names) + (names.size() == 1 ? " keeps" : " keep") + " running ('vse vm list' shows "
                        + (names.size() == 1 ? "it" : "them") + "; 'vse vm destroy NAME' ends each).");
            } else {
                tearDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (or ran) anyway
            }
        }
    }

    private synchronized void tearDown() {
        if (finished) {
            return;
        }
        finished = true;
        for (Machine m : machines) {
            try {
                m.close();
            } catch (IOException | RuntimeException e) {
                err.println("vse run: could not remove " + m.name() + ": " + e.getMessage());
            }
        }
        if (work != null) {
            try {
                new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).start().waitFor();
            } catch (IOException e) {
                err.println("vse run: could not remove " + work + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workWatchdog.release();
        }
    }

    /** @return the exit code, or {@link Integer#MIN_VALUE} when a machine did not get ready */
    private int startAndRun() throws IOException, InterruptedException, Command.UsageException {
        SandboxPlan plan = request.plan();
        Path keys = Files.createDirectories(work.resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        // every key at once: one ssh-keygen process each, started together
        Map<Path, String> wanted = new LinkedHashMap<>();
        wanted.put(keys.resolve("id"), "vse run");
        if (request.privateNetwork()) {
            wanted.put(keys.resolve("set"), "vse sandbox");
        }
        for (SandboxPlan.Node n : plan.nodes()) {
            wanted.put(keys.resolve("host-" + n.name()), n.name());
        }
        keygen(wanted);
        StringBuilder knownInside = new StringBuilder();
        for (SandboxPlan.Node n : plan.nodes()) {
            if (!request.privateNetwork()) {
                continue;
            }
            knownInside.append(n.name()).append(',').append(n.address()).append(' ')
                    .append(Files.readString(keys.resolve("host-" + n.name() + ".pub")).strip()).append('\n');
        }
        String authorized = Files.readString(keys.resolve("id.pub"))
                + (request.privateNetwork() ? Files.readString(keys.resolve("set.pub")) : "");
        MachineSpec.PrivateNetwork network = MachineSpec.PrivateNetwork.forLaunch("vse-run-" + UUID.randomUUID());
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vse run start");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        Machine first = null;
        try {
            for (List<SandboxPlan.Node> level : plan.levels()) {
                CompletionService<Machine> starting = new ExecutorCompletionService<>(pool);
                Map<Future<Machine>, SandboxPlan.Node> nodes = new LinkedHashMap<>();
                for (SandboxPlan.Node n : level) {
                    MachineSpec spec = spec(n, keys, authorized, knownInside.toString(), network);
                    nodes.put(starting.submit(() -> startAndAwait(n, spec, t0)), n);
                }
                NotReadyException notReady = null;
                Map<SandboxPlan.Node, Machine> ready = new LinkedHashMap<>();
                for (int i = 0; i < level.size() && notReady == null; i++) {
                    Future<Machine> f = starting.take();
                    try {
                        ready.put(nodes.get(f), f.get());
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof NotReadyException nr) {
                            notReady = nr;
                        } else if (cause instanceof IOException io) {
                            throw io;
                        } else if (cause instanceof RuntimeException re) {
                            throw re;
                        } else {
                            throw new IOException(cause);
                        }
                    }
                }
                if (first == null && notReady == null) {
                    first = ready.get(level.get(0));
                }
                if (notReady != null) {
                    err.println("vse run: " + notReady.getMessage());
                    return Integer.MIN_VALUE;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (plan.nodes().size() == 1) {
            err.println("==> Running the command on " + first.name() + " as " + request.user());
        } else {
            err.println(String.format("==> all %d machines are ready after %.1f s; running the command on %s as %s", plan.nodes().size(),
                    (System.nanoTime() - t0) / 1e9, first.name(), request.user()));
        }
        Path knownHosts = keys.resolve("known_hosts");
        // ssh looks a host up as [HOST]:PORT, except on port 22 (a container's own address) as HOST
        String hostPattern = first.ssh().port() == 22 ? first.ssh().host() : "[" + first.ssh().host() + "]:" + first.ssh().port();
        Files.writeString(knownHosts, hostPattern + " "
                + Files.readString(keys.resolve("host-" + plan.nodes().get(0).name() + ".pub")));
        return ssh(first, keys, knownHosts, request.user(), remoteCommand(request.command(), request.workdir()), err);
    }

    private Machine startAndAwait(SandboxPlan.Node n, MachineSpec spec, long t0) throws IOException, InterruptedException, NotReadyException {
        if (finished) {
            throw new NotReadyException(n.name() + " was not started because the sandbox is being torn down.");
        }
        // a container shares the host's memory and CPUs (its backend says so): no sizing to show
        boolean sized = !(request.hypervisor() instanceof org.vsestudio.vm.ContainerHypervisor);
        err.println("==> Starting " + n.name() + " (" + request.hypervisor().name() + (sized ? ", " + n.sizing() : "") + ")");
        Machine m = request.hypervisor().start(spec, new Progress() {
            @Override
            public void task(String name) {
                err.println("==> " + name);
            }

            @Override
            public boolean isCanceled() {
                return finished; // torn down meanwhile (a signal, another machine not ready)
            }
        });
        machines.add(m);
        if (finished) {
            m.close();
        }
        m.awaitReady(Duration.ofSeconds(request.timeoutSeconds()));
        err.println(String.format("==> %s is ready after %.1f s", n.name(), (System.nanoTime() - t0) / 1e9));
        return m;
    }

    private MachineSpec spec(SandboxPlan.Node n, Path keys, String authorized, String knownInside, MachineSpec.PrivateNetwork network)
            throws IOException {
        Image image = request.images().get(n.environment());
        Manifest manifest = image.manifest();
        Map<String, byte[]> items = new LinkedHashMap<>();
        items.put("hostname", n.name().getBytes(StandardCharsets.UTF_8));
        items.put("authorized_keys", authorized.getBytes(StandardCharsets.UTF_8));
        items.put("ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("host-" + n.name())));
        items.put("ssh_host_ed25519_key.pub", Files.readAllBytes(keys.resolve("host-" + n.name() + ".pub")));
        List<MachineSpec.Nic> nics = new ArrayList<>();
        nics.add(MachineSpec.Nic.user(null));
        if (request.privateNetwork()) {
            nics.add(MachineSpec.Nic.onPrivate(network, n.mac()));
            items.put("network", SandboxPlan.networkUnit(n).getBytes(StandardCharsets.UTF_8));
            items.put("hosts", request.plan().hosts().getBytes(StandardCharsets.UTF_8));
            items.put("hostfile", request.plan().hostfile().getBytes(StandardCharsets.UTF_8));
            items.put("known_hosts", knownInside.getBytes(StandardCharsets.UTF_8));
            items.put("id_ed25519", Files.readAllBytes(keys.resolve("set")));
            items.put("id_ed25519.pub", Files.readAllBytes(keys.resolve("set.pub")));
        }
        Path folder = image.folder();
        return new MachineSpec(n.name(), folder.resolve(manifest.artifacts().get("disk")), artifact(image, "kernel"), artifact(image, "initrd"),
                manifest.kernelCommandLine(), n.memoryMiB(), n.cpus(), nics, items,
                work.resolve("machines"), manifest.digest());
    }

    /** @return the image's artifact of that kind, or {@code null} (a container needs no kernel) */
    private static Path artifact(Image image, String kind) {
        String file = image.manifest().artifacts().get(kind);
        return file == null ? null : image.folder().resolve(file);
    }

    /**
     * Runs the command in the guest, output straight through. The SSH server may come up a moment
     * after the readiness report: first a TCP connection every 100 ms until it sends its banner,
     * then one authenticated connection ({@code true}) that stays as a master, retried while the
     * server does not let the user in yet; the command then runs over that connection (no second
     * key exchange, which costs seconds in an emulated guest), and the master ends with the
     * command.
     */
    private static int ssh(Machine machine, Path keys, Path knownHosts, String user, String remote, PrintStream err)
            throws IOException, InterruptedException {
        String control = keys.resolve("control").toString();
        List<String> base = List.of("ssh", "-q", "-i", keys.resolve("id").toString(), "-p", Integer.toString(machine.ssh().port()), "-o",
                "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR", "-o", "ControlPath=" + control, user + "@" + machine.ssh().host());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        awaitBanner(machine.ssh().host(), machine.ssh().port(), deadline);
        List<String> master = new ArrayList<>(base);
        master.addAll(base.size() - 1, List.of("-o", "ControlMaster=yes", "-o", "ControlPersist=yes"));
        master.add("true");
        String refused = "";
        while (true) {
            Process p = new ProcessBuilder(master).redirectErrorStream(true).start();
            refused = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                err.println("vse run: " + machine.name() + " is ready but its SSH server does not let " + user + " in"
                        + (refused.isEmpty() ? "." : ": " + refused));
                return Command.USAGE;
            }
            Thread.sleep(200);
        }
        try {
            List<String> run = new ArrayList<>(base);
            run.add(remote);
            Process p = new ProcessBuilder(run).inheritIO().start();
            return p.waitFor();
        } finally {
            List<String> exit = new ArrayList<>(base);
            exit.addAll(base.size() - 1, List.of("-O", "exit"));
            Process p = new ProcessBuilder(exit).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Waits until a TCP connection to the SSH port gets the server's banner ({@code SSH-…}), or the deadline. */
    private static void awaitBanner(String host, int port, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 1000);
                socket.setSoTimeout(2000);
                byte[] banner = new byte[4];
                if (socket.getInputStream().readNBytes(banner, 0, 4) == 4 && new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or QEMU's port forward has no guest side yet
            }
            Thread.sleep(100);
        }
    }

    /** Makes the key pairs (file → comment) with one {@code ssh-keygen} each, all at once. */
    private static void keygen(Map<Path, String> keys) throws IOException, InterruptedException, Command.UsageException {
        Map<Path, Process> running = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, String> k : keys.entrySet()) {
                running.put(k.getKey(), new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", k.getValue(), "-f",
                        k.getKey().toString()).redirectErrorStream(true).start());
            }
        } catch (IOException e) {
            running.values().forEach(Process::destroyForcibly);
            throw new Command.UsageException("running a sandbox needs ssh-keygen and ssh; install the Debian package openssh-client.");
        }
        for (Process p : running.values()) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("ssh-keygen could not make a key: " + output.strip());
            }
        }
    }
}
