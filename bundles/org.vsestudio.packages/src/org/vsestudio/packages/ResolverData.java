package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.List;

import org.vsestudio.packages.internal.PackageStore;

/** A package record as the resolver reads it: names as numbers of the index, fields parsed once. */
final class ResolverData {

    /** One name of a relationship, with the number of that name in the index (-1: the index has no such name). */
    record Atom(Dependency dependency, int nameId) {
    }

    /** One clause of a relationship field: alternatives in order. */
    record Clause(String field, Atom[] alternatives, String text) {
    }

    /** One name this package conflicts with, and the field that says so. */
    record Negative(String field, Atom atom) {
    }

    final int pkg;
    final int nameId;
    final DebianPackage record;
    final Clause[] depends;
    final Clause[] recommends;
    final Negative[] conflicts;
    final int[] providesName;
    final DebianVersion[] providesVersion;

    ResolverData(DebianIndex index, int pkg) {
        PackageStore store = index.store();
        this.pkg = pkg;
        this.nameId = store.nameOf(pkg);
        this.record = index.record(pkg);
        List<Clause> deps = new ArrayList<>();
        clauses(store, "Pre-Depends", record.preDepends(), deps);
        clauses(store, "Depends", record.depends(), deps);
        this.depends = deps.toArray(Clause[]::new);
        List<Clause> recs = new ArrayList<>();
        clauses(store, "Recommends", record.recommends(), recs);
        this.recommends = recs.toArray(Clause[]::new);
        List<Negative> neg = new ArrayList<>();
        for (Dependency d : record.conflicts()) {
            neg.add(new Negative("Conflicts", atom(store, d)));
        }
        for (Dependency d : record.breaks()) {
            neg.add(new Negative("Breaks", atom(store, d)));
        }
        this.conflicts = neg.toArray(Negative[]::new);
        this.providesName = new int[record.provides().size()];
        this.providesVersion = new DebianVersion[providesName.length];
        for (int i = 0; i < providesName.length; i++) {
            Dependency d = record.provides().get(i);
            providesName[i] = store.nameId(d.name());
            providesVersion[i] = d.relation() == Relation.EQ ? d.version() : null;
        }
    }

    private static void clauses(PackageStore store, String field, List<List<Dependency>> clauses, List<Clause> out) {
        for (List<Dependency> c : clauses) {
            Atom[] atoms = new Atom[c.size()];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < atoms.length; i++) {
                atoms[i] = atom(store, c.get(i));
                if (i > 0) {
                    text.append(" | ");
                }
                text.append(c.get(i));
            }
            out.add(new Clause(field, atoms, text.toString()));
        }
    }

    private static Atom atom(PackageStore store, Dependency d) {
        int id = store.nameId(d.name());
        return new Atom(d, id < 0 ? -1 : id);
    }

    /** @return whether this package, by its own name, satisfies {@code a} */
    boolean isNamedBy(Atom a, String nativeArch) {
        if (a.nameId() != nameId) {
            return false;
        }
        String q = a.dependency().architecture();
        if (q != null) {
            if (q.equals("any")) {
                if (record.multiArch() != MultiArch.ALLOWED) {
                    return false;
                }
            } else if (!q.equals("native") && !q.equals(nativeArch)) {
                return false;
            }
        }
        return a.dependency().accepts(record.version());
    }

    /** @return whether this package satisfies {@code a} through one of its Provides */
    boolean provides(Atom a) {
        for (int i = 0; i < providesName.length; i++) {
            if (providesName[i] == a.nameId()) {
                String q = a.dependency().architecture();
                if ("any".equals(q) && (record.multiArch() == MultiArch.NO || record.multiArch() == MultiArch.SAME)) {
                    continue;
                }
                if (a.dependency().relation() == null) {
                    return true;
                }
                if (providesVersion[i] != null && a.dependency().accepts(providesVersion[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return whether this package satisfies {@code a}, by name or by Provides */
    boolean satisfies(Atom a, String nativeArch) {
        return isNamedBy(a, nativeArch) || provides(a);
    }

    String label() {
        return record.label();
    }
}
