package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.vsestudio.vm.Machine;
import org.vsestudio.vm.Registry;

/**
 * {@code vse vm [list] | pause|resume|stop|destroy|console NAME | snapshot|restore NAME SNAPSHOT | suspend NAME [FILE] |
 * resume-from FILE | migrate NAME URI | clean}:
 * the machines V2M started on this host, by whichever process, from the registry of running
 * machines; {@code --registry DIR} reads another registry folder than the user's.
 */
final class VmCommand implements Command {

    @Override
    public String name() {
        return "vm";
    }

    @Override
    public String synopsis() {
        return "[--registry DIR] [list | pause|resume|stop|destroy|console NAME | snapshot|restore NAME SNAPSHOT | suspend NAME [FILE] | resume-from FILE | migrate NAME URI | clean]";
    }

    @Override
    public String summary() {
        return "list and control the sandbox machines running on this host";
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        List<String> args = new ArrayList<>(arguments);
        Registry registry = Registry.ofUser();
        if (args.size() >= 2 && args.get(0).equals("--registry")) {
            registry = new Registry(Path.of(args.get(1)));
            args = args.subList(2, args.size());
        }
        String action = args.isEmpty() ? "list" : args.get(0);
        switch (action) {
            case "list" -> {
                List<Registry.Listed> all = registry.list();
                if (all.isEmpty()) {
                    out.println("No machines are running (registry " + registry.folder() + ").");
                    return OK;
                }
                out.println(String.format("%-20s %-8s %-8s %-9s %-16s %s", "NAME", "BACKEND", "STATE", "UPTIME", "SSH", "IMAGE"));
                for (Registry.Listed l : all) {
                    Registry.Entry e = l.entry();
                    out.println(String.format("%-20s %-8s %-8s %-9s %-16s %s", e.name(), e.backend(), state(registry, l), uptime(e.uptime()),
                            e.sshPort() > 0 ? ("container".equals(e.backend()) && e.uri() != null ? e.uri() : "127.0.0.1") + ":" + e.sshPort() : "-", e.imageDigest() == null ? "-" : shortDigest(e.imageDigest())));
                }
                if (all.stream().anyMatch(l -> !l.alive())) {
                    out.println("Stale entries are machines whose process or domain is gone; 'vse vm clean' removes them and their files.");
                }
                return OK;
            }
            case "clean" -> {
                List<Registry.Entry> removed = registry.clean();
                out.println(removed.isEmpty() ? "No stale machines." : "Removed " + removed.size() + " stale machine"
                        + (removed.size() == 1 ? "" : "s") + ": " + String.join(", ", removed.stream().map(Registry.Entry::name).toList()) + ".");
                return OK;
            }
            case "console" -> {
                if (args.size() != 2) {
                    throw new UsageException("'vse vm console' needs a machine name.");
                }
                return console(registry, args.get(1), out, err);
            }
            case "suspend" -> {
                if (args.size() != 2 && args.size() != 3) {
                    throw new UsageException("'vse vm suspend' needs a machine name and optionally the file to suspend it to.");
                }
                Registry.Entry e = registered(registry, args.get(1));
                if (e.ownerPid() > 0 && e.ownerPid() != ProcessHandle.current().pid()
                        && ProcessHandle.of(e.ownerPid()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new UsageException(e.name() + " belongs to a running process (pid " + e.ownerPid()
                            + ", for example a vse run) that removes it when it ends; only a machine that runs on its own can be suspended.");
                }
                Path file = Path.of(args.size() == 3 ? args.get(2) : e.name() + ".vmstate").toAbsolutePath().normalize();
                if (java.nio.file.Files.exists(file)) {
                    throw new UsageException(file + " exists already; name a new file to suspend " + e.name() + " to.");
                }
                long t0 = System.nanoTime();
                Machine m = registry.attach(e);
                m.suspend(file);
                m.close();
                out.println(String.format("%s suspended to %s in %.1f s (%d MiB); 'vse vm resume-from %s' continues it.", e.name(), file,
                        (System.nanoTime() - t0) / 1e9, java.nio.file.Files.size(file) >> 20, file));
                return OK;
            }
            case "resume-from" -> {
                if (args.size() != 2) {
                    throw new UsageException("'vse vm resume-from' needs the file a machine was suspended to.");
                }
                long t0 = System.nanoTime();
                Machine m = new org.vsestudio.vm.QemuHypervisor(registry).resumeFrom(Path.of(args.get(1)), org.vsestudio.vm.Progress.NONE);
                m.detach();
                out.println(String.format("%s resumed from %s in %.1f s.", m.name(), args.get(1), (System.nanoTime() - t0) / 1e9));
                return OK;
            }
            case "migrate" -> {
                if (args.size() != 3) {
                    throw new UsageException("'vse vm migrate' needs a machine name and the libvirt URI to move it to.");
                }
                Registry.Entry e = registered(registry, args.get(1));
                Machine m = registry.attach(e);
                try {
                    m.migrate(args.get(2));
                } catch (UnsupportedOperationException x) {
                    throw new UsageException(x.getMessage());
                }
                out.println(e.name() + " now runs on " + args.get(2) + ".");
                return OK;
            }
            case "pause", "resume", "stop", "destroy", "snapshot", "restore" -> {
                int needed = action.equals("snapshot") || action.equals("restore") ? 3 : 2;
                if (args.size() != needed) {
                    throw new UsageException("'vse vm " + action + "' needs " + (needed == 3 ? "a machine name and a snapshot name" : "a machine name") + ".");
                }
                Registry.Entry e = registered(registry, args.get(1));
                if (action.equals("destroy") && !Registry.alive(e)) {
                    Path state = Registry.suspendFile(e);
                    registry.discard(e);
                    out.println(e.name() + (state != null ? " (suspended to " + state + ") removed with its suspend file." : " (stale) removed."));
                    return OK;
                }
                Machine m = registry.attach(e);
                switch (action) {
                    case "pause" -> m.pause();
                    case "resume" -> m.resume();
                    case "snapshot" -> m.snapshot(args.get(2));
                    case "restore" -> m.restore(args.get(2));
                    case "stop" -> {
                        boolean off = m.stop(Duration.ofSeconds(60));
                        m.close();
                        out.println(e.name() + (off ? " powered off." : " did not power off within 60 s and was destroyed."));
                        return OK;
                    }
                    default -> m.close();
                }
                out.println(e.name() + ": " + action + " done.");
                return OK;
            }
            default -> throw new UsageException("unknown vm command '" + action + "'; 'vse help vm' shows the commands.");
        }
    }

    private static Registry.Entry registered(Registry registry, String name) throws IOException, UsageException {
        Registry.Entry e = registry.get(name);
        if (e == null) {
            throw new UsageException("No machine named " + name + " is registered; 'vse vm list' shows them.");
        }
        return e;
    }

    private static final int CTRL_RIGHT_BRACKET = 0x1d;

    /**
     * Shows the last lines of the machine's console log, then attaches this terminal to its
     * serial console: what the guest prints appears live, what is typed goes to the guest (the
     * terminal in raw mode, as virsh console does); Ctrl-] ends. Without a console socket
     * (libvirt) the log is followed. Standard input that is not a terminal is sent as it is;
     * its end ends the session a moment later.
     */
    private static int console(Registry registry, String name, PrintStream out, PrintStream err) throws Exception {
        Registry.Entry e = registry.get(name);
        if (e == null) {
            throw new UsageException("No machine named " + name + " is registered; 'vse vm list' shows them.");
        }
        if (!Registry.alive(e)) {
            throw new UsageException(name + " is not running (a stale entry; 'vse vm clean' removes it).");
        }
        Machine m = registry.attach(e);
        List<String> lines = java.nio.file.Files.exists(m.consoleLog())
                ? java.nio.file.Files.readAllLines(m.consoleLog(), java.nio.charset.StandardCharsets.ISO_8859_1) : List.of();
        for (String line : lines.subList(Math.max(0, lines.size() - 20), lines.size())) {
            out.println(line.replace("\r", ""));
        }
        out.flush();
        Path socket = m.consoleSocket();
        if (socket == null) {
            err.println("vse vm console: " + name + " (" + e.backend() + ") offers only its console log, no input; following "
                    + m.consoleLog() + " (Ctrl-C ends).");
            return follow(registry, e, m.consoleLog(), out);
        }
        boolean tty = new ProcessBuilder("sh", "-c", "test -t 0").redirectInput(ProcessBuilder.Redirect.INHERIT).start().waitFor() == 0;
        String saved = null;
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            err.print("== connected to the serial console of " + name + (tty ? "; Ctrl-] ends" : "") + " ==" + (tty ? "\r\n" : "\n"));
            err.flush();
            if (tty) {
                saved = stty("-g").strip();
                stty("raw -echo");
            }
            Thread pump = new Thread(() -> {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
                try {
                    while (ch.read(buf.clear()) > 0) {
                        out.write(buf.array(), 0, buf.position());
                        out.flush();
                    }
                } catch (IOException x) {
                    // the session ended
                }
            }, "vse vm console: guest to terminal");
            pump.setDaemon(true);
            pump.start();
            byte[] b = new byte[1024];
            while (true) {
                int n = System.in.read(b);
                if (n < 0) {
                    pump.join(1500); // what the guest answers to the last input
                    break;
                }
                int end = n;
                boolean quit = false;
                for (int i = 0; i < n; i++) {
                    if (tty && b[i] == CTRL_RIGHT_BRACKET) {
                        end = i;
                        quit = true;
                        break;
                    }
                }
                ch.write(java.nio.ByteBuffer.wrap(b, 0, end));
                if (quit || !pump.isAlive()) {
                    break;
                }
            }
        } finally {
            if (saved != null) {
                stty(saved);
                err.println();
            }
        }
        err.println("== left the serial console of " + name + " ==");
        return OK;
    }

    private static String stty(String args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String o = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        p.waitFor();
        return o;
    }

    /** Prints what is appended to the log while the machine runs. */
    private static int follow(Registry registry, Registry.Entry e, Path log, PrintStream out) throws Exception {
        long pos = java.nio.file.Files.size(log);
        while (Registry.alive(e)) {
            long size = java.nio.file.Files.size(log);
            if (size > pos) {
                try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(log)) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - pos, 1 << 20));
                    f.read(buf, pos);
                    out.write(buf.array(), 0, buf.position());
                    out.flush();
                    pos += buf.position();
                }
            }
            Thread.sleep(200);
        }
        out.println();
        out.println("== " + e.name() + " is no longer running ==");
        return OK;
    }

    private static String state(Registry registry, Registry.Listed l) {
        if (!l.alive()) {
            return Registry.suspendFile(l.entry()) != null ? "suspended" : "stale";
        }
        try {
            return registry.attach(l.entry()).state().name().toLowerCase();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String uptime(Duration d) {
        long s = d.toSeconds();
        return s < 3600 ? String.format("%d:%02d", s / 60, s % 60) : String.format("%dh%02d", s / 3600, s % 3600 / 60);
    }

    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
