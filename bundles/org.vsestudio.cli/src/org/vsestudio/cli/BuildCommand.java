package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.eclipse.emf.ecore.resource.Resource;
import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.image.BuildProgress;
import org.vsestudio.image.BuildInputs;
import org.vsestudio.image.BuiltImage;
import org.vsestudio.image.ImageBuildException;
import org.vsestudio.image.ImageBuilder;
import org.vsestudio.image.ImageRecipe;
import org.vsestudio.image.LayerCache;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.Problem;

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
        Optional<Path> previous = ImageBuilds.previousBuild(path, name, outDir == null ? null : Path.of(outDir), diskless, cache);
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
        boolean split = diskless || ImageBuilds.deployedDiskless(files.resources(), effective.name());
        Path lockFile = ImageBuilds.lockFileOf(path, effective.name());
        ImageBuilds.LockChoice choice = ImageBuilds.lock(files.injector().getInstance(IndexProvider.class), effective, lockFile);
        if (!choice.resolved()) {
            for (Problem p : choice.problems()) {
                report.println(p.message());
            }
            err.println("vse build: the packages of environment '" + effective.name() + "' do not resolve; nothing is built.");
            return FOUND_ERRORS;
        }
        LockFile lock = choice.lock();
        report.println(choice.written()
                ? "Locked environment " + effective.name() + ": " + lock.packages().size() + " packages in " + lockFile.getFileName() + "."
                : "Using " + lockFile.getFileName() + " (" + lock.packages().size() + " packages).");
        ImageRecipe recipe;
        try {
            recipe = ImageRecipes.of(effective, lock, split);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path target = outDir != null ? Path.of(outDir).toAbsolutePath().normalize() : ImageBuilds.defaultOut(path, effective.name());
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
        // Ctrl+C: the tools are stopped by their own hooks; say what happens to the work
        Thread interrupted = new Thread(() -> err.println("vse build: interrupted; nothing was kept, and the next build removes its work folder."));
        Runtime.getRuntime().addShutdownHook(interrupted);
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
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // shutting down: the hook says it
            }
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
        List<Environment> environments = ImageBuilds.environments(resource);
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
