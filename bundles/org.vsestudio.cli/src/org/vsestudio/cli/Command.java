package org.vsestudio.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code vse}. */
public interface Command {

    /** Exit code: success. */
    int OK = 0;
    /** Exit code: the command ran and found errors (for example, in the files it checked). */
    int FOUND_ERRORS = 1;
    /** Exit code: a usage or input/output problem; the command did not do its work. */
    int USAGE = 2;

    /** @return the word that selects this command: {@code vse NAME …} */
    String name();

    /** @return the arguments, as the usage line shows them */
    String synopsis();

    /** @return one line saying what the command does */
    String summary();

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws UsageException for a usage problem: its message is shown as one sentence
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;

    /** A problem with how the command was called, or with its input; exit code {@link #USAGE}. */
    final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String sentence) {
            super(sentence);
        }
    }
}
