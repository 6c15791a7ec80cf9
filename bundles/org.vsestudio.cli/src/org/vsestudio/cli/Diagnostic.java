package org.vsestudio.cli;

import java.nio.file.Path;

/**
 * One problem found in a {@code .vse} file, as {@code vse check} reports it: 1-based line
 * and column where it starts and where it ends, severity, stable issue code and message.
 */
record Diagnostic(Path file, int line, int column, int endLine, int endColumn, Severity severity, String code,
        String message) implements Comparable<Diagnostic> {

    enum Severity {
        ERROR, WARNING, INFO;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code file:line:column: severity: message [code]}, the form compilers use. */
    String format(Path relativeTo) {
        return display(relativeTo) + ":" + line + ":" + column + ": " + severity.word() + ": " + message + " [" + code + "]";
    }

    String display(Path relativeTo) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(relativeTo) ? relativeTo.relativize(abs).toString() : abs.toString();
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = file.compareTo(o.file);
        if (c == 0) {
            c = Integer.compare(line, o.line);
        }
        if (c == 0) {
            c = Integer.compare(column, o.column);
        }
        return c != 0 ? c : message.compareTo(o.message);
    }
}
