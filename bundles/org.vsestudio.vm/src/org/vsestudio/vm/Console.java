package org.vsestudio.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The guest's serial console as a file the hypervisor appends to: waiting for a line, its last lines. */
final class Console {

    static final String READY_MARKER = "VSE-READY";

    private Console() {
    }

    /**
     * Waits for a line that starts with {@value #READY_MARKER}.
     *
     * @param gone says why the machine can no longer get ready ({@code null} while it still can)
     */
    static String awaitReady(String machine, Path log, Duration timeout, Supplier<String> gone)
            throws NotReadyException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
            try {
                if (Files.exists(log)) {
                    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                        if (f.length() > offset) {
                            f.seek(offset);
                            byte[] chunk = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
                            f.readFully(chunk);
                            offset += chunk.length;
                            partial.append(new String(chunk, StandardCharsets.ISO_8859_1));
                            int nl;
                            while ((nl = partial.indexOf("\n")) >= 0) {
                                String line = clean(partial.substring(0, nl));
                                partial.delete(0, nl + 1);
                                int at = line.indexOf(READY_MARKER);
                                if (at >= 0) {
                                    return line.substring(at).trim();
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the hypervisor may be creating the file; try again
            }
            String why = gone.get();
            if (why != null) {
                throw new NotReadyException(machine + " will not get ready because " + why + tail(log));
            }
            if (System.nanoTime() >= deadline) {
                throw new NotReadyException(machine + " did not report " + READY_MARKER + " within " + timeout.toSeconds()
                        + " s" + tail(log));
            }
            Thread.sleep(200);
        }
    }

    /** @return "; the last lines of its console: …" or "; its console is empty" */
    static String tail(Path log) {
        List<String> last = lastLines(log, 8);
        if (last.isEmpty()) {
            return "; its console (" + log + ") is empty.";
        }
        return "; the last lines of its console: " + String.join(" | ", last);
    }

    static List<String> lastLines(Path log, int count) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - 8192);
            f.seek(start);
            byte[] b = new byte[(int) (f.length() - start)];
            f.readFully(b);
            List<String> lines = new ArrayList<>();
            for (String l : new String(b, StandardCharsets.ISO_8859_1).split("\r?\n")) {
                String c = clean(l);
                if (!c.isBlank()) {
                    lines.add(c.strip());
                }
            }
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Drops terminal escape sequences and control characters. */
    static String clean(String line) {
        return line.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "");
    }
}
