package org.vsestudio.image;

/** Quoting for the POSIX shell scripts the builder writes. */
final class Shell {

    private Shell() {
    }

    /** @return {@code s} as one single-quoted shell word */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
