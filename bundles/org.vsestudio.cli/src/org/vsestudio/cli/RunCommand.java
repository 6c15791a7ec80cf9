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
import java.util.concurrent.TimeUnit;

import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.ProtectionCheck;
import org.vsestudio.dsl.evaluation.UserAccount;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.image.Manifest;
import org.vsestudio.remote.ShellQuote;
import org.vsestudio.vm.ContainerHypervisor;
import org.vsestudio.vm.Hypervisor;
import org.vsestudio.vm.LibvirtHypervisor;
import org.vsestudio.vm.Machine;
import org.vsestudio.vm.MachineSpec;
import org.vsestudio.vm.NotReadyException;
import org.vsestudio.vm.Progress;
import org.vsestudio.vm.QemuHypervisor;

/**
 * {@code vse run FILE [--env NAME] [--backend qemu|libvirt|container] [--memory MIB] [--cpus N]
 * [--timeout SECONDS] [--keep] -- COMMAND…}: builds the environment's image if it is not up
 * to date, starts a machine of it on a copy-on-write overlay, waits for its readiness report,
 * runs the command inside over SSH (as the environment's first account, else root) with its
 * output streamed here, and tears the machine down — unless {@code --keep}. The host makes
 * the machine's SSH host key and hands it in, so the key it connects to is known beforehand:
 * nothing is accepted blindly.
 *
 * <p>Exit codes: the command's own exit code; 1 the file has errors or the image could not
 * be built; 2 a usage or host problem, or the machine did not get ready.
 */
final class RunCommand implements Command {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String synopsis() {
        return "FILE [--env NAME] [--backend qemu|libvirt|container] [--memory MIB] [--cpus N] [--timeout SECONDS] [--keep] -- COMMAND…";
    }

    @Override
    public String summary() {
        return "run a command in a local VM sandbox of an environment, then tear it down";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String env = null;
        String backend = "qemu";
        int memory = 2048;
        int cpus = 2;
        long timeout = 600;
        boolean keep = false;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                command.addAll(args.subList(i + 1, args.size()));
                break;
            }
            switch (a) {
                case "--env" -> env = value(args, ++i, a);
                case "--backend" -> backend = value(args, ++i, a);
                case "--memory" -> memory = number(value(args, ++i, a), a);
                case "--cpus" -> cpus = number(value(args, ++i, a), a);
                case "--timeout" -> timeout = number(value(args, ++i, a), a);
                case "--keep" -> keep = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'; 'vse help run' shows the options.");
                    } else if (file == null) {
                        file = a;
                    } else {
                        throw new UsageException("put the command after '--': vse run FILE -- COMMAND.");
                    }
                }
            }
        }
        if (file == null || command.isEmpty()) {
            throw new UsageException("name the .vse file and, after '--', the command to run: vse run FILE -- COMMAND.");
        }
        Hypervisor hypervisor = switch (backend) {
            case "qemu" -> new QemuHypervisor();
            case "libvirt" -> new LibvirtHypervisor();
            case "container" -> new ContainerHypervisor();
            default -> throw new UsageException("unknown backend '" + backend + "'; choose qemu, libvirt or container.");
        };
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new UsageException("'" + file + "' does not exist.");
        }

        // the environment, then its image (built if it is not up to date)
        VseFiles files = VseFiles.load(new VseStandaloneSetup().createInjectorAndDoEMFRegistration(), List.of(path), VseFiles.searchPath());
        Environment environment = BuildCommand.choose(files.resource(path), file, env);
        EffectiveEnvironment effective = new Evaluator().evaluate(environment);
        checkProtection(effective, hypervisor); // before anything is built or started
        String unavailable = hypervisor.unavailableBecause();
        if (unavailable != null) {
            throw new UsageException(unavailable);
        }
        Path imageFolder = ImageBuilds.defaultOut(path, effective.name());
        int built = new BuildCommand().run(List.of(path.toString(), "--env", effective.name(), "--out", imageFolder.toString()), err, err);
        if (built != OK) {
            err.println("vse run: the image of " + effective.name() + " could not be built; nothing was started.");
            return built;
        }
        Manifest manifest = Manifest.read(imageFolder.resolve("manifest.json"));
        if (!manifest.artifacts().containsKey("kernel") && !(hypervisor instanceof ContainerHypervisor)) {
            throw new UsageException("the image of " + effective.name() + " has no kernel to boot; add linux-image-amd64 to its packages.");
        }
        String user = effective.users().stream().map(UserAccount::name).findFirst().orElse("root");
        String host = effective.name().replaceAll("[^A-Za-z0-9-]", "-");

        Path work = Files.createTempDirectory("vse-run");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        // ended by a signal (the IDE's stop button): V2M's hook kills the machine, this one removes the keys and overlays
        boolean keepFiles = keep;
        Thread removeWork = new Thread(() -> {
            if (!keepFiles) {
                try {
                    new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).start().waitFor();
                } catch (IOException | InterruptedException e) {
                    // the JVM is exiting
                }
            }
        }, "vse run: remove the work folder");
        Runtime.getRuntime().addShutdownHook(removeWork);
        Machine machine = null;
        try {
            Path keys = Files.createDirectories(work.resolve("keys"));
            keygen(keys.resolve("id"), "vse run");
            keygen(keys.resolve("host"), host);
            Map<String, byte[]> items = new LinkedHashMap<>();
            items.put("hostname", host.getBytes(StandardCharsets.UTF_8));
            items.put("authorized_keys", Files.readAllBytes(keys.resolve("id.pub")));
            items.put("ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("host")));
            items.put("ssh_host_ed25519_key.pub", Files.readAllBytes(keys.resolve("host.pub")));
            MachineSpec spec = new MachineSpec(host, imageFolder.resolve(manifest.artifacts().get("disk")),
                    artifact(imageFolder, manifest, "kernel"), artifact(imageFolder, manifest, "initrd"),
                    manifest.kernelCommandLine(), memory, cpus, List.of(MachineSpec.Nic.user(null)), items, work.resolve("machines"),
                    manifest.digest());
            long t0 = System.nanoTime();
            machine = hypervisor.start(spec, new Progress() {
                @Override
                public void task(String name) {
                    err.println("==> " + name);
                }
            });
            err.println("==> Waiting for " + host + " to report ready (" + hypervisor.name() + ")");
            try {
                machine.awaitReady(Duration.ofSeconds(timeout));
            } catch (NotReadyException e) {
                err.println("vse run: " + e.getMessage());
                return USAGE;
            }
            err.println(String.format("==> %s is ready after %.1f s; running the command as %s", host, (System.nanoTime() - t0) / 1e9, user));
            Path knownHosts = keys.resolve("known_hosts");
            String hostPattern = machine.ssh().port() == 22 ? machine.ssh().host() : "[" + machine.ssh().host() + "]:" + machine.ssh().port();
            Files.writeString(knownHosts, hostPattern + " " + Files.readString(keys.resolve("host.pub")));
            int exit = ssh(machine, keys, knownHosts, user, ShellQuote.command(command), err);
            if (keep) {
                err.println("vse run: " + host + " keeps running ('vse vm list' shows it; 'vse vm destroy " + host + "' ends it).");
                machine.detach();
                machine = null;
            }
            return exit;
        } finally {
            if (machine != null) {
                machine.close();
            }
            if (!keep) {
                new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).start().waitFor();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(removeWork);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
    }

    private static Path artifact(Path imageFolder, Manifest manifest, String kind) {
        String file = manifest.artifacts().get(kind);
        return file == null ? null : imageFolder.resolve(file);
    }

    /** Refuses a backend that protects the environment less than its bases require ({@code protection at least}). */
    static void checkProtection(EffectiveEnvironment environment, Hypervisor hypervisor) throws UsageException {
        String refusal = ProtectionCheck.refusal(environment, hypervisor.name(),
                ProtectionLevel.get(hypervisor.protection().name().toLowerCase(java.util.Locale.ROOT)), "--backend qemu or libvirt");
        if (refusal != null) {
            throw new UsageException(refusal.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + refusal.substring(1).replaceFirst("\\.$", "")
                    + "; nothing was started.");
        }
    }

    /** Runs the command in the guest: output straight through, retried while the SSH server is not up yet. */
    private static int ssh(Machine machine, Path keys, Path knownHosts, String user, String remote, PrintStream err)
            throws IOException, InterruptedException {
        List<String> base = List.of("ssh", "-q", "-i", keys.resolve("id").toString(), "-p", Integer.toString(machine.ssh().port()), "-o",
                "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR", user + "@" + machine.ssh().host());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            // the SSH server may come up a moment after the readiness report
            List<String> probe = new ArrayList<>(base);
            probe.add("true");
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                err.println("vse run: the machine is ready but its SSH server does not let " + user + " in.");
                return USAGE;
            }
            Thread.sleep(1000);
        }
        List<String> run = new ArrayList<>(base);
        run.add(remote);
        Process p = new ProcessBuilder(run).inheritIO().start();
        return p.waitFor();
    }

    private static void keygen(Path key, String comment) throws IOException, InterruptedException, UsageException {
        Process p;
        try {
            p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UsageException("running a sandbox needs ssh-keygen and ssh; install the Debian package openssh-client.");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen could not make a key: " + output.strip());
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException("'" + option + "' needs a value.");
        }
        return args.get(i);
    }

    private static int number(String s, String option) throws UsageException {
        try {
            int n = Integer.parseInt(s);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("'" + option + "' needs a positive number, not '" + s + "'.");
        }
    }
}
