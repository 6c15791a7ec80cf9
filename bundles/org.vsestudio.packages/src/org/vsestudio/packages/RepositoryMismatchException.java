package org.vsestudio.packages;

import java.nio.file.Path;

/**
 * The repository (or the host's apt lists) answers, but does not serve what was asked for:
 * another release, no such suite or component, not that architecture. Unlike other
 * {@link RepositoryException}s, trying again later will not help: what was asked for must
 * change (or the repository configured for it).
 */
public class RepositoryMismatchException extends RepositoryException {

    private static final long serialVersionUID = 1L;

    public RepositoryMismatchException(String source, String problem) {
        super(source, problem);
    }

    public RepositoryMismatchException(Path file, String problem) {
        super(file, problem);
    }
}
