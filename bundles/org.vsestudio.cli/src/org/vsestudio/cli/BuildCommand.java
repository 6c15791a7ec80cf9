package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.resource.Resource;
import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.EffectiveMachineSet;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.NodeGroup;
import org.vsestudio.dsl.index.EnvironmentClosure;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.image.BuildProgress;
import org.vsestudio.image.BuildInputs;
import org.vsestudio.image.BuiltImage;
import org.vsestudio.image.ImageBuildException;
import org.vsestudio.image.ImageBuilder;
import org.vsestudio.image.ImageRecipe;
import org.vsestudio.image.LayerCache;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code vse build FILE [--env NAME] [--out DIR] [--diskless] [--json] [--verbose]}: builds
 * the image of an environment. The file is validated first; the lock beside it is used when
 * it locks what the environment asks for today, and written (as {@code vse lock} does)
 * otherwise. When nothing the image is made of changed since the last build into the same
 * folder, the build says so at once.
 *
 * <p>Exit codes: 0 built or up to date; 1 the file has errors, its packages do not resolve,
 * or a step failed; 2 a usage, host or input/output problem.
 */
final class BuildCommand implements Command {

    @Override
    public String name() {
        return "build";
    }

    @Override
    public String synopsis() {
        return "FILE [--env NAME] [--out DIR] [--diskless] [--json] [--verbose]";
    }

    @Override
    public String summary() {
        return "build an environment's image (qcow2, kernel, initrd, SBOM) into build/NAME";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String name = null;
        String outDir = null;
        boolean json = false;
        boolean verbose = false;
        boolean diskless = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--env" -> name = value(args, ++i, "--env", "the name of an environment");
                case "--out" -> outDir = value(args, ++i, "--out", "the folder to build into");
                case "--json" -> json = true;
                case "--verbose", "-v" -> verbose = true;
                case "--diskless" -> diskless = true;
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option '" + a + "'; 'vse help build' shows the options.");
                    } else if (file == null) {
                        file = a;
                    } else {
                        throw new UsageException("name one .vse file; '" + a + "' is one too many.");
                    }
                }
            }
        }
        if (file == null) {
            throw new UsageException("name the .vse file that holds the environment to build.");
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new UsageException("'" + file + "' does not exist.");
        }
        long started = System.nanoTime();
        LayerCache cache = LayerCache.forUser();
        PrintStream report = json ? err : out;

        // up to date? decided from the recorded inputs alone, without parsing anything
        Optional<Path> previous = previousBuild(path, name, outDir, diskless, cache);
        if (previous.isPresent()) {
            BuildInputs inputs = BuildInputs.read(previous.get().resolve(BuildInputs.FILE));
            BuiltImage image = inputs.image(previous.get(), (System.nanoTime() - started) / 1e9);
            report.println("Image of " + inputs.environment() + " is up to date: " + image.digest());
            print(image, path, inputs.environment(), true, json, out);
            return OK;
        }

        VseFiles files = VseFiles.load(new VseStandaloneSetup().createInjectorAndDoEMFRegistration(), List.of(path), VseFiles.searchPath());
        Environment environment = choose(files.resource(path), file, name);
        Path cwd = Path.of("").toAbsolutePath();
        List<Diagnostic> diagnostics = files.validate();
        diagnostics.forEach(d -> report.println(d.format(cwd)));
        long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        if (errors > 0) {
            err.println("vse build: '" + file + "' has " + errors + (errors == 1 ? " error" : " errors") + "; nothing is built.");
            return FOUND_ERRORS;
        }
        Evaluator evaluator = new Evaluator();
        EffectiveEnvironment effective = evaluator.evaluate(environment);
        boolean split = diskless || deployedDiskless(files, effective.name(), evaluator);
        Path lockFile = LockCommand.lockFileOf(path, effective.name());
        LockFile lock = lockFor(files, effective, lockFile, report, err);
        if (lock == null) {
            return FOUND_ERRORS;
        }
        ImageRecipe recipe;
        try {
            recipe = ImageRecipes.of(effective, lock, split);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path target = outDir != null ? Path.of(outDir).toAbsolutePath().normalize() : defaultOut(path, effective.name());
        report.println("Building the image of " + effective.name() + " (" + lock.packages().size() + " packages, " + recipe.steps().size()
                + " steps" + (split ? ", disk-less split" : "") + ") into " + display(target, cwd));
        boolean verboseOutput = verbose;
        BuildProgress progress = new BuildProgress() {
            @Override
            public void task(String taskName) {
                err.println(String.format("==> %s  (%.1f s)", taskName, (System.nanoTime() - started) / 1e9));
            }

            @Override
            public void output(String line) {
                if (verboseOutput) {
                    err.println("    " + line);
                }
            }
        };
        BuiltImage image;
        try {
            image = new ImageBuilder(cache).build(recipe, target, progress);
        } catch (ImageBuildException e) {
            if (!e.output().isEmpty()) {
                err.println("Last lines of its output:");
                e.output().forEach(l -> err.println("    " + l));
            }
            err.println("vse build: " + e.getMessage());
            return e.where().isEmpty() && e.output().isEmpty() ? USAGE : FOUND_ERRORS;
        } catch (CancellationException e) {
            err.println("vse build: canceled; nothing was kept.");
            return USAGE;
        }
        BuildInputs.record(target, path, name, split, effective.name(), recipe, lockFile,
                files.resources().stream().filter(r -> r.getURI().isFile()).map(r -> Path.of(r.getURI().toFileString())).toList(),
                cache.root());
        report.println("Built the image of " + effective.name() + " in " + String.format("%.1f", image.seconds()) + " s: " + image.digest());
        print(image, path, effective.name(), false, json, out);
        return OK;
    }

    private static String value(List<String> args, int i, String option, String what) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException("'" + option + "' needs " + what + ".");
        }
        return args.get(i);
    }

    static Path defaultOut(Path file, String environment) {
        return file.getParent().resolve("build").resolve(environment);
    }

    /** The folder of an earlier build of the same file with the same options whose inputs are all unchanged. */
    private static Optional<Path> previousBuild(Path file, String env, String outDir, boolean diskless, LayerCache cache) {
        List<Path> candidates = new ArrayList<>();
        if (outDir != null) {
            candidates.add(Path.of(outDir).toAbsolutePath().normalize());
        } else if (env != null) {
            candidates.add(defaultOut(file, env));
        } else {
            Path build = file.getParent().resolve("build");
            if (Files.isDirectory(build)) {
                try (Stream<Path> s = Files.list(build)) {
                    candidates.addAll(s.filter(Files::isDirectory).sorted().toList());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        for (Path c : candidates) {
            if (BuildInputs.unchanged(c, file, env, diskless, cache.root())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean deployedDiskless(VseFiles files, String environment, Evaluator evaluator) {
        for (Resource r : files.resources()) {
            if (r.getContents().isEmpty() || !(r.getContents().get(0) instanceof Model model)) {
                continue;
            }
            for (var d : model.getDeclarations()) {
                if (d instanceof MachineSet m && m.getName() != null) {
                    EffectiveMachineSet set = evaluator.evaluate(m);
                    for (NodeGroup g : set.groups()) {
                        boolean runsIt = g.environment().map(e -> e.name().equals(environment)).orElse(false);
                        boolean diskless = g.deployment().map(dep -> dep.mode() == DeploymentMode.DISKLESS_NFS
                                || dep.mode() == DeploymentMode.DISKLESS_RAMFS).orElse(false);
                        if (runsIt && diskless) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * The lock to build from: the lock file when it locks exactly what the environment asks
     * for, otherwise a new one, resolved and written as {@code vse lock} does.
     *
     * @return the lock, or {@code null} if the packages do not resolve (reported)
     */
    private static LockFile lockFor(VseFiles files, EffectiveEnvironment effective, Path lockFile, PrintStream out, PrintStream err)
            throws Exception {
        ResolveRequest request = EnvironmentClosure.request(effective);
        if (Files.isRegularFile(lockFile)) {
            LockFile existing = LockFile.read(lockFile);
            if (locks(existing, request, effective) && existing.snapshot().isPresent()) {
                out.println("Using " + lockFile.getFileName() + " (" + existing.packages().size() + " packages).");
                return existing;
            }
        }
        IndexProvider.Lookup lookup = files.injector().getInstance(IndexProvider.class).lookup(effective);
        if (lookup.unavailable().isPresent()) {
            throw new UsageException("environment '" + effective.name() + "' cannot be locked: " + lookup.unavailable().get().reason());
        }
        RepositoryIndex index = lookup.index().orElseThrow(() -> new UsageException("environment '" + effective.name()
                + "' names no repository to resolve its packages from; add 'repositories from host' or a 'repository' line."));
        Resolution resolution = EnvironmentClosure.resolve(index, request);
        if (!resolution.ok()) {
            for (Problem p : resolution.problems()) {
                out.println(p.message());
            }
            err.println("vse build: the packages of environment '" + effective.name() + "' do not resolve; nothing is built.");
            return null;
        }
        LockFile lock = LockFile.of(index, resolution);
        lock.write(lockFile);
        out.println("Locked environment " + effective.name() + ": " + lock.packages().size() + " packages in " + lockFile.getFileName() + ".");
        return lock;
    }

    /** @return whether {@code lock} was made for exactly {@code request} of {@code environment} */
    static boolean locks(LockFile lock, ResolveRequest request, EffectiveEnvironment environment) {
        boolean distribution = environment.distribution()
                .map(d -> d.value().distribution().equals(lock.distribution()) && d.value().release().equals(lock.release())).orElse(true)
                && environment.architecture().map(a -> a.value().equals(lock.architecture())).orElse(true);
        return distribution && lock.base() == request.base() && lock.recommends() == request.recommends()
                && lock.requirements().equals(sorted(request.requirements())) && lock.forbidden().equals(sorted(request.forbidden()));
    }

    private static List<String> sorted(List<PackageRequirement> requirements) {
        return List.copyOf(new TreeSet<>(requirements.stream().map(PackageRequirement::toString).toList()));
    }

    private static void print(BuiltImage image, Path file, String environment, boolean upToDate, boolean json, PrintStream out) {
        Path cwd = Path.of("").toAbsolutePath();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("environment", environment);
            o.addProperty("file", file.toString());
            o.addProperty("digest", image.digest());
            o.addProperty("upToDate", upToDate);
            o.addProperty("folder", image.folder().toString());
            JsonObject artifacts = new JsonObject();
            image.artifacts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> artifacts.addProperty(e.getKey(), e.getValue().toString()));
            o.add("artifacts", artifacts);
            o.addProperty("kernelCommandLine", image.kernelCommandLine());
            JsonArray layers = new JsonArray();
            for (BuiltImage.Layer l : image.layers()) {
                JsonObject lo = new JsonObject();
                lo.addProperty("kind", l.kind());
                lo.addProperty("key", l.key());
                lo.addProperty("how", l.how());
                layers.add(lo);
            }
            o.add("layers", layers);
            o.addProperty("seconds", Math.round(image.seconds() * 1000) / 1000.0);
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
            return;
        }
        Map<String, String> order = new LinkedHashMap<>();
        for (String role : List.of("disk", "kernel", "initrd", "rootfs", "private", "sbom", "manifest", "lock")) {
            Path p = image.artifacts().get(role);
            if (p != null) {
                order.put(role, display(p, cwd));
            }
        }
        order.forEach((role, p) -> out.println(String.format("  %-9s %s", role, p)));
        out.println("  boot      " + image.kernelCommandLine());
        for (BuiltImage.Layer l : image.layers()) {
            out.println(String.format("  layer     %-13s %s %s", l.kind(), l.key().substring(0, Math.min(12, l.key().length())), l.how()));
        }
    }

    /** @return the environment to build: the one named, or the file's only one */
    static Environment choose(Resource resource, String file, String name) throws UsageException {
        List<Environment> environments = resource == null || resource.getContents().isEmpty()
                || !(resource.getContents().get(0) instanceof Model model) ? List.of()
                        : model.getDeclarations().stream().filter(Environment.class::isInstance).map(Environment.class::cast)
                                .filter(e -> e.getName() != null).toList();
        if (environments.isEmpty()) {
            throw new UsageException("'" + file + "' declares no environment.");
        }
        String names = String.join(", ", environments.stream().map(Environment::getName).toList());
        if (name != null) {
            return environments.stream().filter(e -> name.equals(e.getName())).findFirst()
                    .orElseThrow(() -> new UsageException("'" + file + "' has no environment '" + name + "'; it has " + names + "."));
        }
        if (environments.size() > 1) {
            throw new UsageException("'" + file + "' has several environments (" + names + "); choose one with --env.");
        }
        return environments.get(0);
    }

    static String display(Path file, Path cwd) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
