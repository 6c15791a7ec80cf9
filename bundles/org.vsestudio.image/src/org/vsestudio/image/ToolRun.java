package org.vsestudio.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one host tool as a child process: its output (standard output and error merged) goes
 * line by line to the build's progress and the last lines are kept for error messages;
 * cancel stops it and everything it started (politely first, so that {@code mmdebstrap} can
 * unmount what it mounted), and so does a JVM that exits.
 */
final class ToolRun {

    /** What a finished run left: its exit code and its last lines. */
    record Result(int exitCode, List<String> tail, List<String> lines) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final int TAIL = 40;

    private ToolRun() {
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @param keepAll whether to keep every line (for tools whose output the build reads)
     * @param onLine called for each line before it is reported (may be {@code null})
     * @throws CancellationException if the user canceled; the process tree is gone by then
     */
    static Result run(List<String> command, Path dir, Map<String, String> env, BuildProgress progress, boolean keepAll,
            Consumer<String> onLine) throws IOException {
        return run(command, dir, env, progress, keepAll, onLine, null);
    }

    /**
     * As {@link #run(List, Path, Map, BuildProgress, boolean, Consumer)}, also appending the
     * process id to {@code pidFile} so that a later build can stop a tool whose build was killed.
     */
    static Result run(List<String> command, Path dir, Map<String, String> env, BuildProgress progress, boolean keepAll,
            Consumer<String> onLine, Path pidFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process process = pb.start();
        process.getOutputStream().close();
        if (pidFile != null) {
            java.nio.file.Files.writeString(pidFile, process.pid() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        Thread killer = new Thread(() -> stop(process), "stop " + command.get(0));
        Runtime.getRuntime().addShutdownHook(killer);
        Deque<String> tail = new ArrayDeque<>();
        List<String> all = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                        if (keepAll) {
                            all.add(line);
                        }
                    }
                    if (onLine != null) {
                        onLine.accept(line);
                    }
                    progress.output(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "output of " + command.get(0));
        reader.setDaemon(true);
        reader.start();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (progress.isCanceled()) {
                    stop(process);
                    throw new CancellationException("Canceled.");
                }
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted.");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
        synchronized (tail) {
            return new Result(process.exitValue(), List.copyOf(tail), List.copyOf(all));
        }
    }

    /** Stops a process and its descendants: SIGTERM, then SIGKILL after a grace period. */
    static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        process.toHandle().destroy();
        try {
            process.toHandle().onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // kill below
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
