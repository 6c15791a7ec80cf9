package org.vsestudio.packages;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Repository metadata that cannot be used: missing, corrupt, truncated, or not matching the
 * checksums its {@code Release} file lists. The message is one sentence for a user and
 * names the file (or address) concerned.
 */
public class RepositoryException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file or address concerned, as the message names it
     * @param problem what is wrong with it, a sentence without the source
     */
    public RepositoryException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public RepositoryException(Path file, String problem) {
        this(file.toString(), problem);
    }

    public RepositoryException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** @return the file or address the problem is about */
    public String source() {
        return source;
    }
}
