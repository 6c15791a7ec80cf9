package org.vsestudio.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.FileStep;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.evaluation.RunStep;
import org.vsestudio.dsl.evaluation.UserAccount;
import org.vsestudio.image.ConfigStep;
import org.vsestudio.image.ImageRecipe;
import org.vsestudio.packages.LockFile;

/**
 * The image recipe of an effective environment and its lock. Steps apply in this order:
 * the {@code files} steps (the base's first), then the accounts, then the {@code run}
 * commands (the base's first), so that commands can use both.
 */
public final class ImageRecipes {

    private ImageRecipes() {
    }

    public static ImageRecipe of(EffectiveEnvironment environment, LockFile lock, boolean diskless) {
        List<ConfigStep> steps = new ArrayList<>();
        Set<Path> sources = new LinkedHashSet<>();
        add(sources, environment.origin());
        for (FileStep f : environment.files()) {
            add(sources, f.origin());
            String where = where(f.origin());
            steps.add(switch (f) {
                case FileStep.Copy c -> new ConfigStep.Copy(path(c.resolvedSource()), c.target(), where);
                case FileStep.Link l -> new ConfigStep.Link(l.target(), l.link(), where);
                case FileStep.Delete d -> new ConfigStep.Delete(d.path(), where);
                case FileStep.Append a -> new ConfigStep.Append(a.path(), a.line(), where);
                case FileStep.Replace r -> new ConfigStep.Replace(r.path(), r.pattern(), r.replacement(), where);
            });
        }
        for (UserAccount u : environment.users()) {
            add(sources, u.origin());
            steps.add(new ConfigStep.User(u.name(), u.uid(), where(u.origin())));
        }
        for (RunStep r : environment.run()) {
            add(sources, r.origin());
            steps.add(new ConfigStep.Run(r.command(), where(r.origin())));
        }
        environment.bootOptions().ifPresent(b -> add(sources, b.origin()));
        String boot = environment.bootOptions().map(b -> b.value()).orElse("");
        return new ImageRecipe(environment.name(), lock, steps, boot, diskless, List.copyOf(sources));
    }

    private static void add(Set<Path> sources, Origin origin) {
        if (origin != null && origin.resource() != null && origin.resource().isFile()) {
            sources.add(Path.of(origin.resource().toFileString()));
        }
    }

    private static String where(Origin origin) {
        return origin.fileName() + ":" + origin.line();
    }

    private static Path path(URI uri) {
        if (uri == null || !uri.isFile()) {
            throw new IllegalArgumentException("a copied file is not a local file: " + uri);
        }
        String s = uri.toFileString();
        return Path.of(s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s);
    }
}
