package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the closure of a request over a repository index: the exact packages an image
 * gets, or the problems that prevent one, each explained by the shortest chain of the
 * repository's own relationships. Obtained from {@link RepositoryIndex#resolver()}.
 */
public interface Resolver {

    /** @return the closure, or the problems, of {@code request}; never throws for a bad request */
    Resolution resolve(ResolveRequest request);

    /**
     * @return a resolver that checks each requirement by itself against {@code index}
     *         (unknown package with the nearest names; no version satisfying its constraints,
     *         with the versions there are) and computes no closure
     */
    static Resolver checksOnly(RepositoryIndex index) {
        return request -> {
            List<Problem> problems = new ArrayList<>();
            for (PackageRequirement r : request.requirements()) {
                Problem p = check(index, r);
                if (p != null) {
                    problems.add(p);
                }
            }
            return new Resolution(request, List.of(), problems, null, false);
        };
    }

    /**
     * Checks one requirement by itself.
     *
     * @return the problem with it, or {@code null} if the index has a version that satisfies it
     */
    static Problem check(RepositoryIndex index, PackageRequirement r) {
        String where = index.distribution() + " " + index.release() + " (" + index.architecture() + ")";
        if (!index.contains(r.name())) {
            return new Problem.UnknownPackage(r, where, index.nearestNames(r.name(), 3));
        }
        if (r.constraints().isEmpty()) {
            return null;
        }
        List<DebianVersion> versions = index.versions(r.name());
        if (index instanceof DebianIndex d && versions.isEmpty()) { // virtual: the provided versions count
            versions = d.providers(r.name()).stream().map(DebianIndex.Provider::providedVersion)
                    .filter(v -> v != null).distinct().sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (DebianVersion v : versions) {
            if (r.accepts(v)) {
                return null;
            }
        }
        return new Problem.NoMatchingVersion(r, where, versions);
    }
}
