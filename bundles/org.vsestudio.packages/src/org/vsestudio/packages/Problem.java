package org.vsestudio.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why (part of) a request cannot be resolved. Each kind has a stable {@link #code()}, a
 * message for users, and the origins of the requirements involved, so that a validator can
 * put a diagnostic on each.
 */
public sealed interface Problem {

    /** @return a stable identifier of the kind of problem */
    String code();

    /** @return the problem in one or two sentences */
    String message();

    /** @return the origins of the requirements the problem is about (no {@code null}s) */
    List<Object> origins();

    /** The repository has no package, real or virtual, of that name. */
    record UnknownPackage(PackageRequirement requirement, String where, List<String> suggestions) implements Problem {
        @Override
        public String code() {
            return "unknown-package";
        }

        @Override
        public String message() {
            return "Package '" + requirement.name() + "' does not exist in " + where + "."
                    + (suggestions.isEmpty() ? "" : " Did you mean " + alternatives(suggestions) + "?");
        }

        @Override
        public List<Object> origins() {
            return originsOf(requirement);
        }
    }

    /** No available version satisfies the requirement's constraints. */
    record NoMatchingVersion(PackageRequirement requirement, String where, List<DebianVersion> available) implements Problem {
        @Override
        public String code() {
            return "no-matching-version";
        }

        @Override
        public String message() {
            return "No available version of '" + requirement.name() + "' satisfies " + requirement.constraintText() + ": " + where
                    + " has " + (available.isEmpty() ? "no versioned provider of it"
                            : available.stream().map(DebianVersion::toString).collect(Collectors.joining(", ")))
                    + ".";
        }

        @Override
        public List<Object> origins() {
            return originsOf(requirement);
        }
    }

    /**
     * Two requirements lead to packages that cannot be installed together: one declares a
     * {@code Conflicts} or {@code Breaks} on the other (or on what it provides), or they need
     * different versions of one package.
     *
     * @param first the requirement whose chain leads to the package that cannot be installed
     * @param firstChain the shortest chain from {@code first} to it (empty: asked for directly)
     * @param second the requirement whose chain leads to the package in the way
     * @param secondChain the shortest chain from {@code second} to that package
     * @param conflict the repository's own words for the conflict
     */
    record Conflict(PackageRequirement first, List<Step> firstChain, PackageRequirement second, List<Step> secondChain,
            String conflict) implements Problem {
        @Override
        public String code() {
            return "conflict";
        }

        @Override
        public String message() {
            StringBuilder b = new StringBuilder();
            b.append('\'').append(first.name()).append("' and '").append(second.name()).append("' cannot be installed together: ")
                    .append(conflict).append('.');
            if (!firstChain.isEmpty()) {
                b.append(" '").append(first.name()).append("' needs it: ").append(chainText(firstChain)).append('.');
            }
            if (!secondChain.isEmpty()) {
                b.append(" '").append(second.name()).append("' needs the other: ").append(chainText(secondChain)).append('.');
            }
            return b.toString();
        }

        @Override
        public List<Object> origins() {
            List<Object> o = new ArrayList<>(originsOf(first));
            o.addAll(originsOf(second));
            return o;
        }
    }

    /**
     * A dependency in the closure of a requirement that nothing in the repository satisfies.
     *
     * @param chain the shortest chain from the requirement, ending with the unsatisfiable relationship
     * @param reasons why each alternative of that relationship fails
     */
    record Unsatisfiable(PackageRequirement requirement, List<Step> chain, List<String> reasons) implements Problem {
        @Override
        public String code() {
            return "unsatisfiable";
        }

        @Override
        public String message() {
            return "'" + requirement.name() + "' cannot be installed: " + chainText(chain) + "; but " + String.join("; ", reasons) + ".";
        }

        @Override
        public List<Object> origins() {
            return originsOf(requirement);
        }
    }

    /** A requirement needs a package the request forbids. */
    record Forbidden(PackageRequirement forbidden, PackageRequirement requirement, List<Step> chain) implements Problem {
        @Override
        public String code() {
            return "forbidden";
        }

        @Override
        public String message() {
            return "'" + requirement.name() + "' needs '" + forbidden.name() + "', which is declared a conflict"
                    + (chain.isEmpty() ? "." : ": " + chainText(chain) + ".");
        }

        @Override
        public List<Object> origins() {
            List<Object> o = new ArrayList<>(originsOf(requirement));
            o.addAll(originsOf(forbidden));
            return o;
        }
    }

    /** @return the steps joined by {@code ", "} */
    static String chainText(List<Step> chain) {
        return chain.stream().map(Step::toString).collect(Collectors.joining(", "));
    }

    /** @return {@code 'a', 'b' or 'c'} */
    static String alternatives(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    private static List<Object> originsOf(PackageRequirement r) {
        return r.origin() == null ? List.of() : List.of(r.origin());
    }
}
