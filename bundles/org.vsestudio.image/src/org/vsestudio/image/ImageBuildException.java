package org.vsestudio.image;

import java.util.List;

/**
 * A build that could not complete, for a reason the user can act on: the message is one
 * sentence; {@link #where()} names the {@code .vse} line of a failing step; {@link #output()}
 * holds the last lines the failing tool or step printed.
 */
public class ImageBuildException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final List<String> output;

    public ImageBuildException(String message) {
        this(message, "", List.of());
    }

    public ImageBuildException(String message, String where, List<String> output) {
        super(message);
        this.where = where == null ? "" : where;
        this.output = List.copyOf(output);
    }

    /** @return {@code FILE:LINE} of the step that failed, or empty */
    public String where() {
        return where;
    }

    /** @return the last lines of the failing tool's or step's output */
    public List<String> output() {
        return output;
    }
}
