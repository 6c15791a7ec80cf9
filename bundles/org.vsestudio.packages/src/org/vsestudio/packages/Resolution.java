package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The result of resolving a request: the closure (every package the image gets, sorted by
 * name) and the problems. The closure is complete and consistent (every dependency
 * satisfied within it, nothing in it conflicting) exactly when {@link #ok()}.
 */
public final class Resolution {

    private final ResolveRequest request;
    private final List<DebianPackage> closure;
    private final List<Problem> problems;
    private final Function<String, List<Step>> why;
    private final boolean complete;

    Resolution(ResolveRequest request, List<DebianPackage> closure, List<Problem> problems, Function<String, List<Step>> why,
            boolean complete) {
        this.request = request;
        List<DebianPackage> sorted = new ArrayList<>(closure);
        sorted.sort(Comparator.comparing(DebianPackage::name).thenComparing(DebianPackage::architecture));
        this.closure = List.copyOf(sorted);
        this.problems = List.copyOf(problems);
        this.why = why;
        this.complete = complete;
    }

    public ResolveRequest request() {
        return request;
    }

    /** @return the packages of the closure, sorted by name */
    public List<DebianPackage> closure() {
        return closure;
    }

    /** @return the problems, in the order of the requirements */
    public List<Problem> problems() {
        return problems;
    }

    /** @return whether the closure is complete and there is no problem */
    public boolean ok() {
        return complete && problems.isEmpty();
    }

    /** @return the problems that concern the requirement written at {@code origin} */
    public List<Problem> problemsOf(Object origin) {
        return problems.stream().filter(p -> p.origins().stream().anyMatch(o -> Objects.equals(o, origin))).toList();
    }

    /** @return the closure's package of that name, or {@code null} */
    public DebianPackage get(String name) {
        for (DebianPackage p : closure) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * @return why {@code name} is in the closure: the shortest chain from a package asked for
     *         (or of the base system) to it; empty if it was asked for itself or is not in the closure
     */
    public List<Step> why(String name) {
        return why == null ? List.of() : why.apply(name);
    }

    /** @return the closure as name → version text, for comparisons */
    public Map<String, String> versions() {
        Map<String, String> m = new java.util.TreeMap<>();
        closure.forEach(p -> m.put(p.name(), p.version().toString()));
        return m;
    }
}
