package org.vsestudio.packages;

import java.util.Objects;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered exactly as
 * {@code dpkg --compare-versions} orders it (Debian Policy 5.6.12).
 *
 * <p>Instances are immutable; {@link #toString()} gives back the text they were parsed from.
 */
public final class DebianVersion implements Comparable<DebianVersion> {

    private final String text;
    private final int epoch;
    private final String upstream;
    private final String revision;

    private DebianVersion(String text, int epoch, String upstream, String revision) {
        this.text = text;
        this.epoch = epoch;
        this.upstream = upstream;
        this.revision = revision;
    }

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong, if {@code text}
     *         is not a valid Debian version
     */
    public static DebianVersion parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        int epoch = colon < 0 ? 0 : Integer.parseInt(s.substring(0, colon));
        String rest = colon < 0 ? s : s.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        return new DebianVersion(s, epoch, upstream, revision);
    }

    /** @return {@code null} if {@code text} is a valid version, else why it is not */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "A version must not be empty.";
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String rest = s;
        if (colon >= 0) {
            String epoch = s.substring(0, colon);
            if (epoch.isEmpty() || !epoch.chars().allMatch(Character::isDigit) || epoch.length() > 9) {
                return "The epoch of version '" + s + "' must be a number.";
            }
            rest = s.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        if (upstream.isEmpty()) {
            return "Version '" + s + "' has no upstream part.";
        }
        if (!Character.isDigit(upstream.charAt(0))) {
            return "Version '" + s + "' must start with a digit.";
        }
        for (int i = 0; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && ".+~-:".indexOf(c) < 0) {
                return "Version '" + s + "' contains the character '" + c + "', which Debian versions may not hold.";
            }
        }
        if (dash >= 0 && revision.isEmpty()) {
            return "Version '" + s + "' ends with '-' but has no revision.";
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && ".+~".indexOf(c) < 0) {
                return "The revision of version '" + s + "' contains the character '" + c + "'.";
            }
        }
        return null;
    }

    public int epoch() {
        return epoch;
    }

    public String upstream() {
        return upstream;
    }

    /** @return the Debian revision, empty if the version has none */
    public String revision() {
        return revision;
    }

    @Override
    public int compareTo(DebianVersion other) {
        int c = Integer.compare(epoch, other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareFragment(upstream, other.upstream);
        if (c != 0) {
            return c;
        }
        return compareFragment(revision, other.revision);
    }

    /** Compares two version texts as dpkg does. */
    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    /** The order of one character in a non-digit run: '~' first, then end, letters, others. */
    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i))
                    && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DebianVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        // equal versions may differ in text ("1.0" and "0:1.0"), so hash what compareTo sees
        return Objects.hash(epoch, normalize(upstream), normalize(revision));
    }

    /** Drops what dpkg's comparison ignores: leading zeros, and digit runs that are all zero. */
    private static String normalize(String fragment) {
        return fragment.replaceAll("(?<![0-9])0+(?![0-9])", "").replaceAll("(?<![0-9])0+(?=[0-9])", "");
    }

    @Override
    public String toString() {
        return text;
    }
}
