package org.vsestudio.image;

import org.vsestudio.packages.Progress;

/**
 * What an image build reports while it works: the step it is in (through {@link #task}),
 * the lines its tools print, and whether the user canceled.
 */
public interface BuildProgress extends Progress {

    /** Reports nothing and is never canceled. */
    BuildProgress NONE = new BuildProgress() {
    };

    /** One line printed by a tool the build runs. */
    default void output(String line) {
    }
}
