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
 * {@code vse vm [list] | pause|resume|stop|destroy NAME | snapshot|restore NAME SNAPSHOT | clean}:
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
        return "[--registry DIR] [list | pause|resume|stop|destroy NAME | snapshot|restore NAME SNAPSHOT | clean]";
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
            case "pause", "resume", "stop", "destroy", "snapshot", "restore" -> {
                int needed = action.equals("snapshot") || action.equals("restore") ? 3 : 2;
                if (args.size() != needed) {
                    throw new UsageException("'vse vm " + action + "' needs " + (needed == 3 ? "a machine name and a snapshot name" : "a machine name") + ".");
                }
                Registry.Entry e = registry.get(args.get(1));
                if (e == null) {
                    throw new UsageException("No machine named " + args.get(1) + " is registered; 'vse vm list' shows them.");
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

    private static String state(Registry registry, Registry.Listed l) {
        if (!l.alive()) {
            return "stale";
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
