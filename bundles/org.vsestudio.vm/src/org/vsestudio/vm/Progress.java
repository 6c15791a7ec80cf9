package org.vsestudio.vm;

import java.util.concurrent.CancellationException;

/**
 * What a long operation reports while it runs, and how its caller cancels it. The IDE adapts
 * its progress monitor to this, the command line prints the tasks; {@link #NONE} does neither.
 */
public interface Progress {

    /** Reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
    };

    /** The operation begins a new step, named for users ("Creating the overlay of head"). */
    default void task(String name) {
    }

    /** @return {@code true} once the caller wants the operation to stop */
    default boolean isCanceled() {
        return false;
    }

    /** Throws a {@link CancellationException} if the caller cancelled. */
    default void checkCanceled(String what) {
        if (isCanceled()) {
            throw new CancellationException(what + " was cancelled");
        }
    }
}
