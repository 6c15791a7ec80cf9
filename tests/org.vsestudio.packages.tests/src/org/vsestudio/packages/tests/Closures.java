package org.vsestudio.packages.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vsestudio.packages.DebianPackage;
import org.vsestudio.packages.Dependency;
import org.vsestudio.packages.MultiArch;

/**
 * An independent check that a closure is one dpkg would accept: one version per name, every
 * Pre-Depends/Depends clause satisfied inside it, no Conflicts/Breaks between its packages.
 * Written apart from the resolver, from Debian Policy 7, so that the two can disagree.
 */
final class Closures {

    private Closures() {
    }

    /** @return the violations, empty if the closure is consistent */
    static List<String> violations(List<DebianPackage> closure) {
        List<String> problems = new ArrayList<>();
        Map<String, DebianPackage> byName = new HashMap<>();
        Map<String, List<DebianPackage>> providers = new HashMap<>();
        for (DebianPackage p : closure) {
            if (byName.put(p.name(), p) != null) {
                problems.add("two versions of " + p.name());
            }
            for (Dependency d : p.provides()) {
                providers.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(p);
            }
        }
        for (DebianPackage p : closure) {
            List<List<Dependency>> clauses = new ArrayList<>(p.preDepends());
            clauses.addAll(p.depends());
            for (List<Dependency> clause : clauses) {
                if (clause.stream().noneMatch(d -> !matches(d, byName, providers, null).isEmpty())) {
                    problems.add(p.label() + " depends on " + clause + ", which nothing in the closure satisfies");
                }
            }
            List<Dependency> negative = new ArrayList<>(p.conflicts());
            negative.addAll(p.breaks());
            for (Dependency d : negative) {
                for (DebianPackage other : matches(d, byName, providers, p)) {
                    problems.add(p.label() + " conflicts with " + d + ", which " + other.label() + " is or provides");
                }
            }
        }
        return problems;
    }

    private static List<DebianPackage> matches(Dependency d, Map<String, DebianPackage> byName,
            Map<String, List<DebianPackage>> providers, DebianPackage self) {
        List<DebianPackage> found = new ArrayList<>();
        DebianPackage real = byName.get(d.name());
        if (real != null && real != self && (self == null || !real.name().equals(self.name())) && d.accepts(real.version())
                && (!"any".equals(d.architecture()) || real.multiArch() == MultiArch.ALLOWED)) {
            found.add(real);
        }
        for (DebianPackage p : providers.getOrDefault(d.name(), List.of())) {
            if (p == self || self != null && p.name().equals(self.name())) {
                continue;
            }
            for (Dependency provided : p.provides()) {
                if (provided.name().equals(d.name()) && (d.relation() == null || provided.version() != null && d.accepts(provided.version()))) {
                    found.add(p);
                    break;
                }
            }
        }
        return found;
    }
}
