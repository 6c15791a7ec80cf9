package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * One package named in a relationship field ({@code Depends}, {@code Conflicts},
 * {@code Provides}, ...): a name, an optional architecture qualifier and an optional version
 * constraint, as Debian writes it: {@code libc6 (>= 2.34)}, {@code python3:any}.
 *
 * @param name the package name
 * @param architecture the qualifier after {@code :} ({@code any}, {@code native}, an
 *        architecture), or {@code null}
 * @param relation the version relation, or {@code null} if the version does not matter
 * @param version the version of the relation, {@code null} exactly when relation is
 */
public record Dependency(String name, String architecture, Relation relation, DebianVersion version) {

    /** @return whether {@code candidate} is a version this dependency accepts */
    public boolean accepts(DebianVersion candidate) {
        return relation == null || relation.holds(candidate, version);
    }

    /** @return the dependency as Debian writes it, {@code name[:arch] [(op version)]} */
    @Override
    public String toString() {
        String n = architecture == null ? name : name + ":" + architecture;
        return relation == null ? n : n + " (" + debianSymbol(relation) + " " + version + ")";
    }

    /** @return the operator as a {@code Packages} file writes it ({@code <<}, {@code >=}, ...) */
    public static String debianSymbol(Relation r) {
        return switch (r) {
            case LT -> "<<";
            case GT -> ">>";
            default -> r.symbol();
        };
    }

    /**
     * Parses a relationship field: clauses separated by commas, each a list of alternatives
     * separated by {@code |}. Architecture lists ({@code [amd64]}) and build profiles
     * ({@code <!nocheck>}) are dropped; the deprecated {@code <} and {@code >} mean
     * {@code <=} and {@code >=}, as dpkg reads them.
     *
     * @throws IllegalArgumentException naming the part that is not a relationship
     */
    public static List<List<Dependency>> parseClauses(String field) {
        List<List<Dependency>> clauses = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return clauses;
        }
        for (String clause : field.split(",")) {
            if (clause.isBlank()) {
                continue;
            }
            List<Dependency> alternatives = new ArrayList<>(2);
            for (String atom : clause.split("\\|")) {
                alternatives.add(parse(atom));
            }
            clauses.add(List.copyOf(alternatives));
        }
        return List.copyOf(clauses);
    }

    /** Parses a field whose clauses have no alternatives ({@code Conflicts}, {@code Breaks}, {@code Provides}). */
    public static List<Dependency> parseList(String field) {
        List<Dependency> all = new ArrayList<>();
        for (List<Dependency> clause : parseClauses(field)) {
            all.addAll(clause);
        }
        return List.copyOf(all);
    }

    /** Parses one {@code name[:arch] [(op version)]}. */
    public static Dependency parse(String atom) {
        String s = atom.strip();
        int cut = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '<' && (i == 0 || s.charAt(i - 1) == ' ')) {
                cut = i;
                break;
            }
        }
        s = s.substring(0, cut).strip();
        int paren = s.indexOf('(');
        String head = (paren < 0 ? s : s.substring(0, paren)).strip();
        if (head.isEmpty() || head.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("'" + atom.strip() + "' is not a package relationship");
        }
        String name = head;
        String arch = null;
        int colon = head.indexOf(':');
        if (colon >= 0) {
            name = head.substring(0, colon);
            arch = head.substring(colon + 1);
        }
        if (paren < 0) {
            return new Dependency(name, arch, null, null);
        }
        int close = s.indexOf(')', paren);
        if (close < 0) {
            throw new IllegalArgumentException("'" + atom.strip() + "' has no closing parenthesis");
        }
        String inner = s.substring(paren + 1, close).strip();
        int v = 0;
        while (v < inner.length() && "<>=".indexOf(inner.charAt(v)) >= 0) {
            v++;
        }
        String op = inner.substring(0, v);
        Relation relation = switch (op) {
            case "<<" -> Relation.LT;
            case ">>" -> Relation.GT;
            case "<=", "<" -> Relation.LE;
            case ">=", ">" -> Relation.GE;
            case "=" -> Relation.EQ;
            default -> throw new IllegalArgumentException("'" + atom.strip() + "' has the unknown operator '" + op + "'");
        };
        return new Dependency(name, arch, relation, DebianVersion.parse(inner.substring(v).strip()));
    }
}
