package org.vsestudio.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.index.EnvironmentClosure;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

/**
 * {@code vse lock FILE [--env NAME] [--check]}: resolves an environment of {@code FILE} over
 * its repository index and writes the exact closure to {@code NAME.vse.lock} beside the file
 * (NAME is the environment's qualified name), or with {@code --check} says whether that lock
 * is still current. The file is validated first, as {@code vse check} does: a file with
 * errors is not locked.
 *
 * <p>Exit codes: 0 locked, or the lock is current; 1 the file has errors, its packages do not
 * resolve, or the lock is stale; 2 a usage or input/output problem, or no lock to check.
 */
final class LockCommand implements Command {

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public String synopsis() {
        return "FILE [--env NAME] [--check]";
    }

    @Override
    public String summary() {
        return "resolve an environment's packages into its lock file, NAME.vse.lock";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String name = null;
        boolean check = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--env")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("'--env' needs the name of an environment.");
                }
                name = args.get(++i);
            } else if (a.equals("--check")) {
                check = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option '" + a + "'; 'vse help lock' shows the options.");
            } else if (file == null) {
                file = a;
            } else {
                throw new UsageException("name one .vse file; '" + a + "' is one too many.");
            }
        }
        if (file == null) {
            throw new UsageException("name the .vse file that holds the environment to lock.");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("'" + file + "' does not exist.");
        }
        VseFiles files = VseFiles.load(new VseStandaloneSetup().createInjectorAndDoEMFRegistration(), List.of(path),
                VseFiles.searchPath());
        Environment environment = BuildCommand.choose(files.resource(path), file, name);

        Path cwd = Path.of("").toAbsolutePath();
        List<Diagnostic> diagnostics = files.validate();
        diagnostics.forEach(d -> out.println(d.format(cwd)));
        long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        if (errors > 0) {
            err.println("vse lock: '" + file + "' has " + errors + (errors == 1 ? " error" : " errors") + "; it is not locked.");
            return FOUND_ERRORS;
        }

        EffectiveEnvironment effective = new Evaluator().evaluate(environment);
        IndexProvider.Lookup lookup = files.injector().getInstance(IndexProvider.class).lookup(effective);
        if (lookup.unavailable().isPresent()) {
            throw new UsageException("environment '" + effective.name() + "' cannot be locked: "
                    + lookup.unavailable().get().reason());
        }
        RepositoryIndex index = lookup.index().orElseThrow(() -> new UsageException("environment '" + effective.name()
                + "' names no repository to resolve its packages from; add 'repositories from host' or a 'repository' line."));
        ResolveRequest request = EnvironmentClosure.request(effective);
        for (PackageRequirement r : effective.packages().requirements()) {
            if (r.name().contains(":")) {
                err.println("vse lock: '" + r.name() + "' is a package of another architecture than " + index.architecture()
                        + "; the lock does not hold it.");
            }
        }
        Path lockFile = lockFileOf(path, effective.name());
        String shown = display(lockFile, cwd);
        if (check) {
            return check(lockFile, shown, file, name, index, request, out, err);
        }
        Resolution resolution = EnvironmentClosure.resolve(index, request);
        if (!resolution.ok()) {
            for (Problem p : resolution.problems()) {
                out.println(p.message());
            }
            err.println("vse lock: the packages of environment '" + effective.name() + "' do not resolve; it is not locked.");
            return FOUND_ERRORS;
        }
        LockFile lock = LockFile.of(index, resolution);
        lock.write(lockFile);
        out.println("Locked environment " + effective.name() + ": " + lock.packages().size() + " packages of " + lock.distribution()
                + " " + lock.release() + " " + lock.architecture() + " in " + shown + ".");
        return OK;
    }

    private static int check(Path lockFile, String shown, String file, String name, RepositoryIndex index, ResolveRequest request,
            PrintStream out, PrintStream err) throws Exception {
        if (!Files.isRegularFile(lockFile)) {
            err.println("vse lock: there is no lock file " + shown + "; 'vse lock " + file + (name == null ? "" : " --env " + name)
                    + "' writes it.");
            return USAGE;
        }
        if (!(index instanceof DebianIndex debian)) {
            throw new UsageException("the repository index of this environment cannot check a lock file.");
        }
        LockFile lock = LockFile.read(lockFile);
        LockFile.Check result = lock.check(debian, request);
        if (result.current()) {
            out.println(shown + " is current: " + lock.packages().size() + " packages.");
            return OK;
        }
        result.reasons().forEach(out::println);
        err.println("vse lock: " + shown + " is " + (result.status() == LockFile.Status.UNAVAILABLE ? "out of date and cannot be built"
                : "stale") + "; 'vse lock " + file + (name == null ? "" : " --env " + name) + "' writes it again.");
        return FOUND_ERRORS;
    }

    /** @return the lock file of environment {@code environment} declared in {@code file}: beside it, {@code NAME.vse.lock} */
    static Path lockFileOf(Path file, String environment) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        return dir.resolve(environment + ".vse.lock");
    }

    private static String display(Path file, Path cwd) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
