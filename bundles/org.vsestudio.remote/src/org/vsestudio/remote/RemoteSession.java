package org.vsestudio.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A session on another machine (a cluster login node, a guest VM) that runs commands.
 *
 * <p>Commands are given as argument lists and quoted with {@link ShellQuote} before they
 * reach the remote shell, so that no argument is ever re-interpreted there. Implementations
 * verify the remote host's identity before the first command and never accept an unknown
 * host key silently.
 */
public interface RemoteSession extends AutoCloseable {

    /** The outcome of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The host this session is connected to, as the user named it. */
    String host();

    /**
     * Runs {@code command} (argument list, quoted here) and waits for it.
     *
     * @throws IOException if the connection fails or {@code timeout} passes; the remote
     *         command is then terminated
     */
    Result run(List<String> command, Duration timeout) throws IOException;

    /** Ends the session and everything it started. Idempotent. */
    @Override
    void close();
}
