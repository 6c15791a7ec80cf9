package org.vsestudio.remote;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quotes arguments for a POSIX shell, so that a command line built from them runs with
 * exactly those arguments on the remote side ({@code sh -c}, {@code ssh host CMD}, {@code srun}).
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /**
     * @return {@code arg} as one shell word: unchanged if it holds only characters that no
     *         shell treats specially, else in single quotes with embedded quotes escaped
     */
    public static String quote(String arg) {
        if (arg.isEmpty()) {
            return "''";
        }
        boolean plain = arg.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || "@%_+=:,./-".indexOf(c) >= 0);
        if (plain) {
            return arg;
        }
        if (arg.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A shell argument cannot contain a NUL character.");
        }
        return "'" + arg.replace("'", "'\"'\"'") + "'";
    }

    /** @return the arguments quoted and joined by single spaces */
    public static String command(List<String> args) {
        return args.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
