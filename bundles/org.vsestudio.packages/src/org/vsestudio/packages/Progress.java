package org.vsestudio.packages;

import java.util.concurrent.CancellationException;

/**
 * Progress and cancellation of long work (loading, fetching), without any UI toolkit: the
 * IDE adapts its progress monitor to it, the command line prints it, tests pass {@link #NONE}.
 */
public interface Progress {

    /** Does nothing and is never canceled. */
    Progress NONE = new Progress() {
    };

    /** Says what is being done now. */
    default void task(String name) {
    }

    /** @return whether the user asked to stop */
    default boolean isCanceled() {
        return false;
    }

    /** @throws CancellationException if the user asked to stop */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CancellationException("Canceled.");
        }
    }
}
