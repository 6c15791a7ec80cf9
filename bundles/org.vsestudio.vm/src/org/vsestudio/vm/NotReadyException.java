package org.vsestudio.vm;

import java.io.IOException;

/** A machine did not report readiness in time, or went away before it did. */
public class NotReadyException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotReadyException(String message) {
        super(message);
    }
}
