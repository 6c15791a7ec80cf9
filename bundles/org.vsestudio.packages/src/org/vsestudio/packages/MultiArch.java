package org.vsestudio.packages;

/** A package's {@code Multi-Arch} field. */
public enum MultiArch {
    /** no field, or {@code no} */
    NO,
    SAME,
    FOREIGN,
    /** may satisfy dependencies written {@code pkg:any} */
    ALLOWED;

    static MultiArch of(String text) {
        return switch (text) {
            case "same" -> SAME;
            case "foreign" -> FOREIGN;
            case "allowed" -> ALLOWED;
            default -> NO;
        };
    }
}
