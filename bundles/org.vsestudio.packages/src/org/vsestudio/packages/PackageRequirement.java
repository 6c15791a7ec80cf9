package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A package an environment asks for, with the version constraints that must all hold, and
 * where it was asked for. The resolver hands {@code origin} back in every problem it
 * reports about the requirement, so that the caller can place a diagnostic (an EMF object,
 * a file and line, a plain string: the resolver never looks into it).
 *
 * @param name the package name
 * @param constraints the constraints, all of which must hold; empty: any version
 * @param origin where the requirement was written; may be {@code null}
 */
public record PackageRequirement(String name, List<Constraint> constraints, Object origin) {

    public PackageRequirement {
        constraints = List.copyOf(constraints);
    }

    /** @return a requirement of {@code name} in any version */
    public static PackageRequirement of(String name, Object origin) {
        return new PackageRequirement(name, List.of(), origin);
    }

    /**
     * Parses {@code name}, {@code name >= 1.0}, {@code name (>= 1.0)} or
     * {@code name >= 1.0 & < 2} (the VSE symbols or keywords, or Debian's {@code <<}/{@code >>}).
     *
     * @throws IllegalArgumentException if the text is not such a requirement
     */
    public static PackageRequirement parse(String text, Object origin) {
        String s = text.strip().replace("(", " ").replace(")", " ").replace("&", " ").replace(",", " ");
        String[] words = s.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no package");
        }
        List<Constraint> constraints = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String op = words[i];
            String version = null;
            int split = 0;
            while (split < op.length() && "<>=".indexOf(op.charAt(split)) >= 0) {
                split++;
            }
            if (split > 0 && split < op.length()) { // ">=1.0"
                version = op.substring(split);
                op = op.substring(0, split);
            } else if (i + 1 < words.length) {
                version = words[++i];
            }
            Relation r = switch (op) {
                case "<<" -> Relation.LT;
                case ">>" -> Relation.GT;
                default -> Relation.of(op);
            };
            if (r == null || version == null) {
                throw new IllegalArgumentException("'" + text + "' is not a requirement: '" + words[i] + "' is not a version constraint");
            }
            constraints.add(new Constraint(r, DebianVersion.parse(version)));
        }
        return new PackageRequirement(words[0], constraints, origin);
    }

    /** @return whether {@code version} satisfies every constraint */
    public boolean accepts(DebianVersion version) {
        for (Constraint c : constraints) {
            if (!c.holds(version)) {
                return false;
            }
        }
        return true;
    }

    /** @return the constraints as written, {@code >= 1.0 & < 2}; empty if there are none */
    public String constraintText() {
        return constraints.stream().map(Constraint::toString).collect(Collectors.joining(" & "));
    }

    /** @return {@code name}, or {@code name >= 1.0 & < 2} */
    @Override
    public String toString() {
        return constraints.isEmpty() ? name : name + " " + constraintText();
    }
}
