package org.vsestudio.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the QEMU Machine Protocol on a unix socket: one command at a time, answers
 * read line by line, asynchronous events skipped. Small on purpose: the commands V2M sends
 * take at most a string argument, and of the answers only the status and errors matter.
 */
final class Qmp implements AutoCloseable {

    private static final Pattern DESC = Pattern.compile("\"desc\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");
    private static final Pattern RETURN_STRING = Pattern.compile("\"return\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
        String greeting = in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new IOException("QEMU's control socket did not greet as QMP: " + greeting);
        }
        execute("{\"execute\":\"qmp_capabilities\"}");
    }

    static Qmp connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Qmp(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Sends one command (a JSON object) and returns the answer's line; an error answer throws. */
    synchronized String execute(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("QEMU closed its control socket");
            }
            if (line.startsWith("{\"return\"")) {
                return line;
            }
            if (line.startsWith("{\"error\"")) {
                Matcher m = DESC.matcher(line);
                throw new IOException(m.find() ? unescape(m.group(1)) : line);
            }
            // an event ({"event": …}): not an answer
        }
    }

    String command(String name) throws IOException {
        return execute("{\"execute\":\"" + name + "\"}");
    }

    /** Runs a human monitor command (savevm, loadvm); its output, if any, is an error. */
    void human(String commandLine) throws IOException {
        String answer = execute("{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"" + escape(commandLine) + "\"}}");
        Matcher m = RETURN_STRING.matcher(answer);
        if (m.find()) {
            String text = unescape(m.group(1)).strip();
            if (!text.isEmpty()) {
                throw new IOException(text);
            }
        }
    }

    /** @return QEMU's run state: {@code running}, {@code paused}, {@code shutdown}, … */
    String status() throws IOException {
        Matcher m = STATUS.matcher(command("query-status"));
        return m.find() ? m.group(1) : "unknown";
    }

    /** @return the {@code status} of the first object in an answer line */
    static String statusOf(String answer) {
        Matcher m = STATUS.matcher(answer);
        return m.find() ? m.group(1) : "unknown";
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String unescape(String s) {
        return s.replace("\\r", "").replace("\\n", " ").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
