package org.vsestudio.packages.internal;

/** Compressed or structured data that cannot be what it claims to be; the message says why, without the file name. */
public final class CorruptDataException extends Exception {

    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }
}
