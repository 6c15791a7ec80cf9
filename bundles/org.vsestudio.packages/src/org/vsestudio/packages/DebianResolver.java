package org.vsestudio.packages;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.vsestudio.packages.ResolverData.Atom;
import org.vsestudio.packages.ResolverData.Clause;
import org.vsestudio.packages.ResolverData.Negative;
import org.vsestudio.packages.internal.PackageStore;

/**
 * The resolver of a {@link DebianIndex}. It installs as {@code apt-get install} does on an
 * empty system: the packages asked for (and the base system) are marked first; then, depth
 * first, each {@code Pre-Depends}/{@code Depends} clause (and {@code Recommends}, if asked)
 * not yet satisfied by a marked package takes its first installable alternative: the
 * newest version of a real package, else a provider of a virtual one. A candidate that
 * would conflict ({@code Conflicts}, {@code Breaks}, through {@code Provides} too) with a
 * marked package, or needs another version of one, is passed over.
 *
 * <p>Where a clause cannot be satisfied, the resolver looks for the nearest choice that led
 * to it (an alternative, a provider or a version it took while others were possible), bans
 * that choice and starts again, a bounded number of times. What still fails is reported
 * with the shortest chains of relationships from the requirements.
 *
 * <p>A resolver keeps what it learnt of the index (providers in apt's order) for its next
 * requests; it may be used by several threads at once.
 */
final class DebianResolver implements Resolver {

    private static final int MAX_ROUNDS = 64;

    private final DebianIndex index;
    private final PackageStore store;
    private final String arch;
    private final String where;

    DebianResolver(DebianIndex index) {
        this.index = index;
        this.store = index.store();
        this.arch = index.architecture();
        this.where = index.distribution() + " " + index.release() + " (" + index.architecture() + ")";
    }

    @Override
    public Resolution resolve(ResolveRequest request) {
        List<Problem> problems = new ArrayList<>();
        List<PackageRequirement> roots = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (PackageRequirement r : request.requirements()) {
            asked.add(r.name());
        }
        for (String name : index.baseNames(request.base())) {
            if (!asked.contains(name)) {
                roots.add(new PackageRequirement(name, List.of(), request.base()));
            }
        }
        List<PackageRequirement> wanted = new ArrayList<>();
        for (PackageRequirement r : request.requirements()) {
            Problem p = Resolver.check(index, r);
            if (p != null) {
                problems.add(p);
            } else {
                wanted.add(r);
            }
        }
        // marked in name order, so that the closure does not depend on the order requirements are written in
        wanted.sort(Comparator.comparing(PackageRequirement::name));
        roots.addAll(wanted);
        Map<Integer, PackageRequirement> forbidden = new HashMap<>();
        for (PackageRequirement f : request.forbidden()) {
            int id = store.nameId(f.name());
            if (id < 0) {
                continue;
            }
            for (int p : store.packagesOf(id)) {
                if (f.accepts(index.record(p).version())) {
                    forbidden.putIfAbsent(p, f);
                }
            }
            if (f.constraints().isEmpty()) {
                for (int p : store.providersOf(id)) {
                    forbidden.putIfAbsent(p, f);
                }
            }
        }
        Set<Integer> banned = new HashSet<>();
        Attempt first = null;
        Attempt best = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Attempt a = new Attempt(roots, banned, forbidden, request.recommends());
            a.run();
            if (first == null) {
                first = a;
            }
            if (best == null || a.failures.size() < best.failures.size()) {
                best = a;
            }
            if (a.failures.isEmpty()) {
                break;
            }
            Integer ban = a.pickBan(banned);
            if (ban == null) {
                break;
            }
            banned.add(ban);
        }
        Attempt result = best;
        if (!best.failures.isEmpty()) {
            // explain with the first attempt (the one apt would make) where it failed the same way
            Set<String> still = best.failures.stream().map(Failure::key).collect(Collectors.toSet());
            List<Failure> same = first.failures.stream().filter(f -> still.contains(f.key())).toList();
            Attempt explained = same.isEmpty() ? best : first;
            Graph g = explained.graph();
            Set<String> seen = new HashSet<>();
            for (Failure f : same.isEmpty() ? best.failures : same) {
                Problem p = explain(explained, g, f);
                if (seen.add(p.message())) {
                    problems.add(p);
                }
            }
        }
        List<DebianPackage> closure = new ArrayList<>();
        for (int p : result.order) {
            closure.add(index.record(p));
        }
        Graph graph = result.graph();
        return new Resolution(request, closure, problems, name -> {
            int id = store.nameId(name);
            if (id < 0 || result.chosen[id] < 0) {
                return List.of();
            }
            return graph.chain(result.chosen[id]);
        }, best.failures.isEmpty());
    }

    // ------------------------------------------------------------------ one attempt

    private enum BlockKind { BANNED, FORBIDDEN, VERSION_CLASH, CONFLICTS, CONFLICTED_BY }

    /** Why candidate {@code pkg} could not be taken; {@code other} is the marked package in the way, or -1. */
    private record Block(int pkg, BlockKind kind, int other, Negative negative) {
    }

    private record Reason(int parent, Clause clause, int root, boolean choice) {
    }

    private record Task(int pkg, Clause clause, boolean recommends) {
    }

    /** A clause (or a requirement, when {@code pkg} is -1) that nothing could satisfy, and the candidates passed over. */
    private record Failure(int pkg, Clause clause, int root, List<Block> rejected) {
        String key() {
            return pkg + "|" + (clause == null ? "root" + root : clause.text());
        }
    }

    private ResolverData data(int p) {
        return index.resolverData(p);
    }

    private final class Attempt {
        final List<PackageRequirement> roots;
        final Set<Integer> banned;
        final Map<Integer, PackageRequirement> forbidden;
        final boolean recommends;
        final int[] chosen;
        final int[] rootPkg;
        final List<Integer> order = new ArrayList<>();
        final Map<Integer, Reason> reasons = new HashMap<>();
        final Map<Integer, List<Integer>> providing = new HashMap<>();
        final Map<Integer, List<int[]>> negatives = new HashMap<>();
        final List<Failure> failures = new ArrayList<>();

        Attempt(List<PackageRequirement> roots, Set<Integer> banned, Map<Integer, PackageRequirement> forbidden, boolean recommends) {
            this.roots = roots;
            this.banned = banned;
            this.forbidden = forbidden;
            this.recommends = recommends;
            this.chosen = new int[store.names().length];
            Arrays.fill(chosen, -1);
            this.rootPkg = new int[roots.size()];
            Arrays.fill(rootPkg, -1);
        }

        void run() {
            for (int i = 0; i < roots.size(); i++) {
                markRoot(i);
            }
            ArrayDeque<Task> stack = new ArrayDeque<>();
            for (int i = roots.size() - 1; i >= 0; i--) {
                if (rootPkg[i] >= 0 && reasons.get(rootPkg[i]).root() == i) {
                    push(stack, rootPkg[i]);
                }
            }
            while (!stack.isEmpty()) {
                Task t = stack.pop();
                if (satisfied(t.clause())) {
                    continue;
                }
                Choice choice = choose(candidates(t.clause().alternatives()));
                if (choice.pick() < 0) {
                    if (!t.recommends()) {
                        failures.add(new Failure(t.pkg(), t.clause(), reasons.get(t.pkg()).root(), choice.rejected()));
                    }
                    continue;
                }
                select(choice.pick(), new Reason(t.pkg(), t.clause(), reasons.get(t.pkg()).root(), choice.viable() > 1));
                push(stack, choice.pick());
            }
        }

        /** The first candidate nothing blocks, how many are not blocked, and what blocks those before it. */
        private record Choice(int pick, int viable, List<Block> rejected) {
        }

        private Choice choose(List<Integer> candidates) {
            List<Block> rejected = new ArrayList<>();
            int pick = -1;
            int viable = 0;
            for (int c : candidates) {
                Block b = blocker(c);
                if (b == null) {
                    viable++;
                    if (pick < 0) {
                        pick = c;
                    }
                } else if (pick < 0) {
                    rejected.add(b);
                }
            }
            return new Choice(pick, viable, rejected);
        }

        private void markRoot(int i) {
            PackageRequirement r = roots.get(i);
            int id = store.nameId(r.name());
            if (id < 0) {
                return;
            }
            int already = chosen[id];
            if (already >= 0 && r.accepts(data(already).record.version())) {
                rootPkg[i] = already;
                return;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int p : store.packagesOf(id)) {
                if (r.accepts(index.record(p).version())) {
                    candidates.add(p);
                }
            }
            if (store.packageCount(id) == 0) {
                Dependency d = new Dependency(r.name(), null, null, null);
                Atom atom = new Atom(d, id);
                for (int p : sortedProviders(id)) {
                    if (r.constraints().isEmpty() || providedVersionAccepted(data(p), id, r)) {
                        candidates.add(p);
                    }
                }
                candidates.removeIf(p -> !data(p).provides(atom));
            }
            Choice choice = choose(candidates);
            int pick = choice.pick();
            int viable = choice.viable();
            if (pick < 0) {
                failures.add(new Failure(-1, null, i, choice.rejected()));
                return;
            }
            rootPkg[i] = pick;
            select(pick, new Reason(-1, null, i, viable > 1));
        }

        private boolean providedVersionAccepted(ResolverData d, int nameId, PackageRequirement r) {
            for (int k = 0; k < d.providesName.length; k++) {
                if (d.providesName[k] == nameId && d.providesVersion[k] != null && r.accepts(d.providesVersion[k])) {
                    return true;
                }
            }
            return false;
        }

        private void push(ArrayDeque<Task> stack, int pkg) {
            ResolverData d = data(pkg);
            if (recommends) {
                for (int k = d.recommends.length - 1; k >= 0; k--) {
                    stack.push(new Task(pkg, d.recommends[k], true));
                }
            }
            for (int k = d.depends.length - 1; k >= 0; k--) {
                stack.push(new Task(pkg, d.depends[k], false));
            }
        }

        private void select(int pkg, Reason reason) {
            ResolverData d = data(pkg);
            chosen[d.nameId] = pkg;
            order.add(pkg);
            reasons.put(pkg, reason);
            for (int n : d.providesName) {
                if (n >= 0) {
                    providing.computeIfAbsent(n, k -> new ArrayList<>(2)).add(pkg);
                }
            }
            for (int k = 0; k < d.conflicts.length; k++) {
                int n = d.conflicts[k].atom().nameId();
                if (n >= 0) {
                    negatives.computeIfAbsent(n, x -> new ArrayList<>(2)).add(new int[] { pkg, k });
                }
            }
        }

        /** @return the marked package that satisfies {@code a}, or -1 */
        int satisfier(Atom a) {
            if (a.nameId() < 0) {
                return -1;
            }
            int s = chosen[a.nameId()];
            if (s >= 0 && data(s).isNamedBy(a, arch)) {
                return s;
            }
            for (int p : providing.getOrDefault(a.nameId(), List.of())) {
                if (data(p).provides(a)) {
                    return p;
                }
            }
            return -1;
        }

        boolean satisfied(Clause c) {
            for (Atom a : c.alternatives()) {
                if (satisfier(a) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** Candidates in apt's order: the newest version of each alternative first, then older versions. */
        private List<Integer> candidates(Atom[] alternatives) {
            List<Integer> newest = new ArrayList<>();
            List<Integer> older = new ArrayList<>();
            for (Atom a : alternatives) {
                if (a.nameId() < 0) {
                    continue;
                }
                int start = 0;
                int[] real = store.packagesOf(a.nameId());
                for (int k = 0; k < real.length; k++) {
                    int p = real[k];
                    if (k > 0 && data(p).record.version().equals(data(real[k - 1]).record.version())) {
                        continue; // the same version from another list
                    }
                    if (data(p).isNamedBy(a, arch)) {
                        (k == start ? newest : older).add(p);
                    }
                }
                for (int p : sortedProviders(a.nameId())) {
                    if (data(p).provides(a) && !newest.contains(p) && !older.contains(p)) {
                        boolean isNewest = store.packagesOf(store.nameOf(p))[0] == p;
                        (isNewest ? newest : older).add(p);
                    }
                }
            }
            newest.addAll(older);
            return newest;
        }

        Block blocker(int c) {
            if (banned.contains(c)) {
                return new Block(c, BlockKind.BANNED, -1, null);
            }
            if (forbidden.containsKey(c)) {
                return new Block(c, BlockKind.FORBIDDEN, -1, null);
            }
            ResolverData d = data(c);
            int s = chosen[d.nameId];
            if (s >= 0 && s != c) {
                return new Block(c, BlockKind.VERSION_CLASH, s, null);
            }
            for (Negative n : d.conflicts) {
                Atom a = n.atom();
                if (a.nameId() < 0) {
                    continue;
                }
                int o = chosen[a.nameId()];
                if (o >= 0 && o != c && data(o).nameId != d.nameId && data(o).isNamedBy(a, arch)) {
                    return new Block(c, BlockKind.CONFLICTS, o, n);
                }
                for (int p : providing.getOrDefault(a.nameId(), List.of())) {
                    if (p != c && data(p).nameId != d.nameId && data(p).provides(a)) {
                        return new Block(c, BlockKind.CONFLICTS, p, n);
                    }
                }
            }
            Block b = conflictedBy(c, d, d.nameId);
            if (b != null) {
                return b;
            }
            for (int n : d.providesName) {
                if (n >= 0 && (b = conflictedBy(c, d, n)) != null) {
                    return b;
                }
            }
            return null;
        }

        private Block conflictedBy(int c, ResolverData d, int nameId) {
            for (int[] e : negatives.getOrDefault(nameId, List.of())) {
                int o = e[0];
                if (o == c || data(o).nameId == d.nameId) {
                    continue;
                }
                Negative n = data(o).conflicts[e[1]];
                if (d.satisfies(n.atom(), arch)) {
                    return new Block(c, BlockKind.CONFLICTED_BY, o, n);
                }
            }
            return null;
        }

        /** @return the nearest choice that led to the first failure, not yet banned, or {@code null} */
        Integer pickBan(Set<Integer> alreadyBanned) {
            for (Failure f : failures) {
                for (Block b : f.rejected()) {
                    Integer x = nearestChoice(b.other(), alreadyBanned);
                    if (x != null) {
                        return x;
                    }
                }
                Integer x = nearestChoice(f.pkg(), alreadyBanned);
                if (x != null) {
                    return x;
                }
            }
            return null;
        }

        private Integer nearestChoice(int pkg, Set<Integer> alreadyBanned) {
            int x = pkg;
            Set<Integer> seen = new HashSet<>();
            while (x >= 0 && seen.add(x)) {
                Reason r = reasons.get(x);
                if (r == null) {
                    return null;
                }
                if (r.choice() && !alreadyBanned.contains(x)) {
                    return x;
                }
                x = r.parent();
            }
            return null;
        }

        /** The marked packages as a graph: each clause to the package satisfying it; shortest chains from the roots. */
        Graph graph() {
            return new Graph(this);
        }
    }

    private final class Graph {
        private final Attempt a;
        private final Map<Integer, Integer> parent = new HashMap<>();
        private final Map<Integer, Step> via = new HashMap<>();
        private final Map<Integer, Integer> root = new HashMap<>();

        Graph(Attempt a) {
            this.a = a;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int i = 0; i < a.rootPkg.length; i++) {
                int p = a.rootPkg[i];
                if (p >= 0 && !root.containsKey(p)) {
                    root.put(p, i);
                    parent.put(p, -1);
                    queue.add(p);
                }
            }
            while (!queue.isEmpty()) {
                int p = queue.poll();
                ResolverData d = data(p);
                List<Clause> clauses = new ArrayList<>(Arrays.asList(d.depends));
                if (a.recommends) {
                    clauses.addAll(Arrays.asList(d.recommends));
                }
                for (Clause c : clauses) {
                    for (Atom at : c.alternatives()) {
                        int s = a.satisfier(at);
                        if (s >= 0) {
                            if (!parent.containsKey(s)) {
                                parent.put(s, p);
                                via.put(s, new Step(d.record.name(), d.record.version(), c.field(), c.text(), data(s).record.name()));
                                root.put(s, root.get(p));
                                queue.add(s);
                            }
                            break;
                        }
                    }
                }
            }
        }

        /** @return the steps from a root to {@code pkg} (empty for a root or an unreachable package) */
        List<Step> chain(int pkg) {
            List<Step> steps = new ArrayList<>();
            Integer x = pkg;
            while (x != null && x >= 0 && via.containsKey(x)) {
                steps.add(0, via.get(x));
                x = parent.get(x);
            }
            return steps;
        }

        PackageRequirement rootOf(int pkg) {
            Integer r = root.get(pkg);
            if (r == null) {
                Reason reason = a.reasons.get(pkg);
                r = reason == null ? 0 : reason.root();
            }
            return a.roots.get(r);
        }
    }

    // ------------------------------------------------------------------ explanations

    private Problem explain(Attempt a, Graph g, Failure f) {
        PackageRequirement requirement = f.pkg() < 0 ? a.roots.get(f.root()) : g.rootOf(f.pkg());
        List<Step> chain = f.pkg() < 0 ? new ArrayList<>() : new ArrayList<>(g.chain(f.pkg()));
        Step last = null;
        if (f.pkg() >= 0) {
            ResolverData d = data(f.pkg());
            last = new Step(d.record.name(), d.record.version(), f.clause().field(), f.clause().text(), null);
        }
        Block conflict = f.rejected().stream().filter(b -> b.other() >= 0).findFirst().orElse(null);
        if (conflict != null) {
            ResolverData candidate = data(conflict.pkg());
            ResolverData other = data(conflict.other());
            if (last != null) {
                chain.add(new Step(last.packageName(), last.version(), last.field(), last.relation(), candidate.record.name()));
            }
            String text = switch (conflict.kind()) {
                case CONFLICTS -> conflictText(candidate, conflict.negative(), other);
                case CONFLICTED_BY -> conflictText(other, conflict.negative(), candidate);
                default -> candidate.label() + " is needed, but " + other.label() + " is in the closure";
            };
            return new Problem.Conflict(requirement, chain, g.rootOf(conflict.other()), g.chain(conflict.other()), text);
        }
        Block forbidden = f.rejected().stream().filter(b -> b.kind() == BlockKind.FORBIDDEN).findFirst().orElse(null);
        if (forbidden != null) {
            if (last != null) {
                chain.add(last);
            }
            return new Problem.Forbidden(a.forbidden.get(forbidden.pkg()), requirement, chain);
        }
        if (last == null) { // a requirement whose candidates were all banned: say what it needs
            return new Problem.Unsatisfiable(requirement, chain, List.of("no version of it can be installed with the rest"));
        }
        chain.add(last);
        List<String> reasons = new ArrayList<>();
        for (Atom at : f.clause().alternatives()) {
            reasons.add(whyNot(at));
        }
        return new Problem.Unsatisfiable(requirement, chain, reasons);
    }

    private static String conflictText(ResolverData declarer, Negative n, ResolverData target) {
        String s = declarer.label() + " " + n.field() + ": " + n.atom().dependency();
        if (!n.atom().dependency().name().equals(target.record.name())) {
            s += ", which " + target.label() + " provides";
        } else {
            s += ", and " + target.label() + " is " + (n.atom().dependency().relation() == null ? "that package" : "such a version");
        }
        return s;
    }

    private String whyNot(Atom a) {
        Dependency d = a.dependency();
        if (a.nameId() < 0) {
            return "there is no package '" + d.name() + "' in " + where;
        }
        int[] real = store.packagesOf(a.nameId());
        if (real.length > 0) {
            if ("any".equals(d.architecture()) && data(real[0]).record.multiArch() != MultiArch.ALLOWED) {
                return "'" + d.name() + "' is not Multi-Arch: allowed, so nothing satisfies " + d;
            }
            if (d.architecture() != null && !List.of("any", "native", arch).contains(d.architecture())) {
                return "only " + arch + " packages are indexed, so nothing satisfies " + d;
            }
            Set<String> versions = new java.util.LinkedHashSet<>();
            for (int p : real) {
                versions.add(index.record(p).version().toString());
            }
            return "'" + d.name() + "' has only " + String.join(", ", versions);
        }
        List<String> providers = new ArrayList<>();
        for (int p : store.providersOf(a.nameId())) {
            providers.add(data(p).label());
        }
        return "'" + d.name() + "' is a virtual package, and none of its providers (" + String.join(", ", providers)
                + ") provides a version that satisfies " + d;
    }

    // ------------------------------------------------------------------ providers

    private final Map<Integer, int[]> sortedProviders = new ConcurrentHashMap<>();

    /** Providers in the order apt prefers them: essential, higher priority, newest of their name, then by name. */
    private int[] sortedProviders(int nameId) {
        return sortedProviders.computeIfAbsent(nameId, id -> {
            Integer[] ps = Arrays.stream(store.providersOf(id)).boxed().toArray(Integer[]::new);
            Arrays.sort(ps, Comparator.comparing((Integer p) -> !data(p).record.essential())
                    .thenComparing(p -> data(p).record.priority())
                    .thenComparing(p -> store.packagesOf(store.nameOf(p))[0] != p)
                    .thenComparing(p -> data(p).record.name())
                    .thenComparing(p -> data(p).record.version(), Comparator.reverseOrder()));
            return Arrays.stream(ps).mapToInt(Integer::intValue).toArray();
        });
    }
}
