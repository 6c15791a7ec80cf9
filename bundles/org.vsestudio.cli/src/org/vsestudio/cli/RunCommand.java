package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.resource.Resource;
import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.EffectiveMachineSet;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.NodeGroup;
import org.vsestudio.dsl.evaluation.ProtectionCheck;
import org.vsestudio.dsl.evaluation.UserAccount;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.image.LayerCache;
import org.vsestudio.image.Manifest;
import org.vsestudio.vm.ContainerHypervisor;
import org.vsestudio.vm.Hypervisor;
import org.vsestudio.vm.LibvirtHypervisor;
import org.vsestudio.vm.QemuHypervisor;
import org.vsestudio.vm.Registry;

/**
 * {@code vse run FILE [--env NAME | --machines NAME] [--backend qemu|libvirt|container] [--connect URI]
 * [--memory MIB] [--cpus N] [--workdir DIR] [--timeout SECONDS] [--keep] -- COMMAND…}: builds
 * the image of every environment it needs if it is not up to date, starts one machine of the
 * environment or the machine set at sandbox scale ({@link SandboxPlan}) on copy-on-write
 * overlays, waits for their readiness reports, runs the command inside the first machine over
 * SSH (as its environment's first account, else root) with its output streamed here, and
 * tears the machines down — unless {@code --keep} ({@link Sandbox}). The host makes
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
        return "FILE [--env NAME | --machines NAME] [--backend qemu|libvirt|container] [--connect URI] [--memory MIB] [--cpus N] [--workdir DIR] [--timeout SECONDS] [--keep] -- COMMAND…";
    }

    @Override
    public String summary() {
        return "run a command in a local VM sandbox of an environment or a machine set, then tear it down";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String env = null;
        String machines = null;
        String backend = "qemu";
        String connect = null;
        Integer memory = null;
        Integer cpus = null;
        String workdir = null;
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
                case "--machines" -> machines = value(args, ++i, a);
                case "--backend" -> backend = value(args, ++i, a);
                case "--connect" -> connect = value(args, ++i, a);
                case "--memory" -> memory = number(value(args, ++i, a), a);
                case "--cpus" -> cpus = number(value(args, ++i, a), a);
                case "--workdir" -> workdir = value(args, ++i, a);
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
        if (env != null && machines != null) {
            throw new UsageException("choose an environment (--env) or a machine set (--machines), not both.");
        }
        if (workdir != null && workdir.isBlank()) {
            throw new UsageException("'--workdir' needs a folder, not an empty name.");
        }
        if (connect != null && !backend.equals("libvirt")) {
            throw new UsageException("'--connect' names a libvirt connection; it goes with --backend libvirt.");
        }
        Hypervisor hypervisor = switch (backend) {
            case "qemu" -> new QemuHypervisor();
            case "libvirt" -> connect == null ? new LibvirtHypervisor() : new LibvirtHypervisor(connect, Registry.ofUser());
            case "container" -> new ContainerHypervisor();
            default -> throw new UsageException("unknown backend '" + backend + "'; choose qemu, libvirt or container.");
        };
        if (machines != null && hypervisor instanceof ContainerHypervisor) {
            throw new UsageException("the container backend runs one environment, not a machine set (its machines need a private network); "
                    + "use --backend qemu or libvirt for --machines.");
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new UsageException("'" + file + "' does not exist.");
        }

        // an environment run before, whose image and every input of it are unchanged: nothing to parse
        Path cacheRoot = LayerCache.forUser().root();
        Optional<SandboxFacts> known = machines == null ? SandboxFacts.find(path, env, hypervisor.name(), cacheRoot) : Optional.empty();
        if (known.isPresent()) {
            SandboxFacts facts = known.get();
            String unavailable = hypervisor.unavailableBecause();
            if (unavailable != null) {
                throw new UsageException(unavailable);
            }
            Manifest manifest = Manifest.read(facts.folder().resolve("manifest.json"));
            err.println("Image of " + facts.environment() + " is up to date: " + manifest.digest());
            return new Sandbox(new Sandbox.Request(SandboxPlan.single(facts.environment(), memory, cpus),
                    Map.of(facts.environment(), image(facts.folder(), manifest, facts.environment(), hypervisor)), hypervisor, facts.user(), workdir,
                    timeout, keep, command, false), err).run();
        }

        // what to start: one machine of an environment, or a machine set at sandbox scale
        VseFiles files = VseFiles.load(new VseStandaloneSetup().createInjectorAndDoEMFRegistration(), List.of(path), VseFiles.searchPath());
        Evaluator evaluator = new Evaluator();
        SandboxPlan plan;
        Map<String, Path> sources = new LinkedHashMap<>();
        EffectiveEnvironment firstEnvironment;
        List<EffectiveEnvironment> environments = new ArrayList<>();
        if (machines == null) {
            Environment environment = BuildCommand.choose(files.resource(path), file, env);
            firstEnvironment = evaluator.evaluate(environment);
            plan = SandboxPlan.single(firstEnvironment.name(), memory, cpus);
            sources.put(firstEnvironment.name(), path);
            environments.add(firstEnvironment);
        } else {
            EffectiveMachineSet set = evaluator.evaluate(chooseMachineSet(files.resource(path), file, machines));
            plan = SandboxPlan.of(set, memory, cpus);
            firstEnvironment = null;
            for (NodeGroup g : set.groups()) {
                EffectiveEnvironment e = g.environment().orElseThrow();
                if (g.name().equals(plan.nodes().get(0).group())) {
                    firstEnvironment = e;
                }
                Path source = e.origin().resource() != null && e.origin().resource().isFile() ? Path.of(e.origin().resource().toFileString()) : path;
                if (sources.putIfAbsent(e.name(), source) == null) {
                    environments.add(e);
                }
            }
        }

        // the protection the bases require, before anything is built or started
        for (EffectiveEnvironment e : environments) {
            checkProtection(e, hypervisor);
        }
        String unavailable = hypervisor.unavailableBecause();
        if (unavailable != null) {
            throw new UsageException(unavailable);
        }

        // one image per distinct environment, built if it is not up to date
        Map<String, Sandbox.Image> images = new LinkedHashMap<>();
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            Path imageFolder = ImageBuilds.defaultOut(source.getValue(), source.getKey());
            int built = new BuildCommand().run(List.of(source.getValue().toString(), "--env", source.getKey(), "--out", imageFolder.toString()),
                    err, err);
            if (built != OK) {
                err.println("vse run: the image of " + source.getKey() + " could not be built; nothing was started.");
                return built;
            }
            images.put(source.getKey(), image(imageFolder, Manifest.read(imageFolder.resolve("manifest.json")), source.getKey(), hypervisor));
        }
        String user = firstEnvironment.users().stream().map(UserAccount::name).findFirst().orElse("root");
        if (machines == null) {
            try {
                SandboxFacts.record(images.get(firstEnvironment.name()).folder(), path, env, hypervisor.name(), firstEnvironment.name(), user);
            } catch (IOException e) {
                // the next run parses the file again
            }
        }
        return new Sandbox(new Sandbox.Request(plan, images, hypervisor, user, workdir, timeout, keep, command, machines != null), err).run();
    }

    private static Sandbox.Image image(Path folder, Manifest manifest, String environment, Hypervisor hypervisor) throws UsageException {
        if (!manifest.artifacts().containsKey("kernel") && !(hypervisor instanceof ContainerHypervisor)) {
            throw new UsageException("the image of " + environment + " has no kernel to boot; add linux-image-amd64 to its packages.");
        }
        return new Sandbox.Image(folder, manifest);
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

    static MachineSet chooseMachineSet(Resource resource, String file, String name) throws UsageException {
        List<MachineSet> sets = new ArrayList<>();
        if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model model) {
            model.getDeclarations().stream().filter(MachineSet.class::isInstance).map(MachineSet.class::cast).forEach(sets::add);
        }
        String names = String.join(", ", sets.stream().map(MachineSet::getName).toList());
        return sets.stream().filter(m -> name.equals(m.getName())).findFirst().orElseThrow(() -> new UsageException(sets.isEmpty()
                ? "'" + file + "' declares no machine set."
                : "'" + file + "' has no machine set '" + name + "'; it has " + names + "."));
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
