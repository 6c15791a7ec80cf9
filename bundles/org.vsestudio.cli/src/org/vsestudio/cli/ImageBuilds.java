package org.vsestudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.resource.Resource;
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
import org.vsestudio.image.BuildInputs;
import org.vsestudio.image.LayerCache;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

/**
 * What {@code vse build} and the IDE's <i>Build Image</i> share: where an environment's
 * image goes by default, whether an earlier build is still up to date, which lock a build
 * uses (and when it writes one), and whether a machine set deploys the environment
 * disk-less. Nothing here prints: the callers say what happened in their own way.
 */
public final class ImageBuilds {

    private ImageBuilds() {
    }

    /** @return {@code build/ENVIRONMENT} beside {@code file}, where an image goes unless told otherwise */
    public static Path defaultOut(Path file, String environment) {
        return file.toAbsolutePath().normalize().getParent().resolve("build").resolve(environment);
    }

    /** @return the lock file of {@code environment} declared in {@code file}: {@code ENVIRONMENT.vse.lock} beside it */
    public static Path lockFileOf(Path file, String environment) {
        return LockCommand.lockFileOf(file, environment);
    }

    /** @return the named environments {@code resource} declares, in the order written */
    public static List<Environment> environments(Resource resource) {
        return resource == null || resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model) ? List.of()
                : model.getDeclarations().stream().filter(Environment.class::isInstance).map(Environment.class::cast)
                        .filter(e -> e.getName() != null).toList();
    }

    /**
     * The folder of an earlier build of the same file with the same options whose inputs are
     * all unchanged: {@code out} if given, else {@code build/ENV} for a named environment,
     * else any folder under {@code build/}.
     */
    public static Optional<Path> previousBuild(Path file, String environment, Path out, boolean diskless, LayerCache cache) {
        List<Path> candidates = new ArrayList<>();
        if (out != null) {
            candidates.add(out.toAbsolutePath().normalize());
        } else if (environment != null) {
            candidates.add(defaultOut(file, environment));
        } else {
            Path build = file.toAbsolutePath().normalize().getParent().resolve("build");
            if (Files.isDirectory(build)) {
                try (Stream<Path> s = Files.list(build)) {
                    candidates.addAll(s.filter(Files::isDirectory).sorted().toList());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        for (Path c : candidates) {
            if (BuildInputs.unchanged(c, file, environment, diskless, cache.root())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return whether a machine set of {@code resources} deploys {@code environment} disk-less */
    public static boolean deployedDiskless(Collection<Resource> resources, String environment) {
        Evaluator evaluator = new Evaluator();
        for (Resource r : resources) {
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
     * The lock a build uses: {@code lock} is the one to build from ({@code null} when the
     * packages do not resolve, {@code problems} says why); {@code written} whether it was
     * resolved and written just now.
     */
    public record LockChoice(LockFile lock, boolean written, List<Problem> problems) {

        /** @return whether there is a lock to build from */
        public boolean resolved() {
            return lock != null;
        }
    }

    /**
     * Chooses the lock to build from: the lock file when it locks exactly what the
     * environment asks for (and records its repositories' snapshot), otherwise a new one,
     * resolved from the environment's repositories and written to {@code lockFile} as
     * {@code vse lock} does. Nothing is written when the packages do not resolve.
     *
     * @throws Command.UsageException if the environment cannot be locked at all (its
     *         repositories are unavailable, or it names none); the message is one sentence
     */
    public static LockChoice lock(IndexProvider indexes, EffectiveEnvironment effective, Path lockFile) throws Command.UsageException, IOException {
        ResolveRequest request = EnvironmentClosure.request(effective);
        if (Files.isRegularFile(lockFile)) {
            LockFile existing = LockFile.read(lockFile);
            if (locks(existing, request, effective) && existing.snapshot().isPresent()) {
                return new LockChoice(existing, false, List.of());
            }
        }
        IndexProvider.Lookup lookup = indexes.lookup(effective);
        if (lookup.unavailable().isPresent()) {
            throw new Command.UsageException("environment '" + effective.name() + "' cannot be locked: " + lookup.unavailable().get().reason());
        }
        RepositoryIndex index = lookup.index().orElseThrow(() -> new Command.UsageException("environment '" + effective.name()
                + "' names no repository to resolve its packages from; add 'repositories from host' or a 'repository' line."));
        Resolution resolution = EnvironmentClosure.resolve(index, request);
        if (!resolution.ok()) {
            return new LockChoice(null, false, resolution.problems());
        }
        LockFile lock = LockFile.of(index, resolution);
        lock.write(lockFile);
        return new LockChoice(lock, true, List.of());
    }

    /** @return whether {@code lock} was made for exactly {@code request} of {@code environment} */
    public static boolean locks(LockFile lock, ResolveRequest request, EffectiveEnvironment environment) {
        boolean distribution = environment.distribution()
                .map(d -> d.value().distribution().equals(lock.distribution()) && d.value().release().equals(lock.release())).orElse(true)
                && environment.architecture().map(a -> a.value().equals(lock.architecture())).orElse(true);
        return distribution && lock.base() == request.base() && lock.recommends() == request.recommends()
                && lock.requirements().equals(sorted(request.requirements())) && lock.forbidden().equals(sorted(request.forbidden()));
    }

    private static List<String> sorted(List<PackageRequirement> requirements) {
        return List.copyOf(new TreeSet<>(requirements.stream().map(PackageRequirement::toString).toList()));
    }
}
