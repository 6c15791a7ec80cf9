package org.vsestudio.packages;

/** A package's {@code Priority} field, most important first. */
public enum Priority {
    REQUIRED, IMPORTANT, STANDARD, OPTIONAL, EXTRA, UNKNOWN;

    static Priority of(String text) {
        return switch (text) {
            case "required" -> REQUIRED;
            case "important" -> IMPORTANT;
            case "standard" -> STANDARD;
            case "optional" -> OPTIONAL;
            case "extra" -> EXTRA;
            default -> UNKNOWN;
        };
    }
}
