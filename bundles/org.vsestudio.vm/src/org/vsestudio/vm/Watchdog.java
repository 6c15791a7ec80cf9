package org.vsestudio.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny companion process ({@code sh}) that outlives a JVM killed with SIGKILL: its standard
 * input is a pipe from this JVM, which only this JVM holds. When the JVM ends in any way the
 * pipe closes, {@code read} sees the end of input, and the companion ends the machine
 * (SIGKILL to its QEMU process after checking that the pid still is that QEMU — its command
 * line names the machine's own folder — or {@code virsh destroy} of the libvirt domain by its
 * UUID) and removes the machine's folder and registry entry. When the machine is closed
 * normally, or is meant to outlive the JVM ({@link #release()}), the JVM writes {@code keep}
 * and the companion ends without doing anything.
 *
 * <p>Not {@code prctl(PR_SET_PDEATHSIG)}: that fires when the spawning <em>thread</em> ends,
 * not the JVM. The companion ignores SIGINT and SIGHUP (a Ctrl-C in the terminal reaches
 * the whole process group; the JVM's shutdown hook handles that, and the companion then finds
 * nothing left to do).
 */
public final class Watchdog {

    private static final String QEMU_SCRIPT = """
            trap '' INT HUP
            IFS= read -r line
            [ "$line" = keep ] && exit 0
            pid=$1 mark=$2
            shift 2
            [ -e "$mark/suspended" ] && exit 0
            if [ -r "/proc/$pid/cmdline" ] && tr '\\000' '\\n' < "/proc/$pid/cmdline" | grep -qF -- "$mark"; then
              kill -9 "$pid" 2>/dev/null
              i=0
              while [ -e "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
            fi
            rm -rf -- "$@"
            """;

    /** nspawn: SIGKILL to its children first (the container's init; its PID namespace goes with it), then to nspawn. */
    private static final String CONTAINER_SCRIPT = """
            trap '' INT HUP
            IFS= read -r line
            [ "$line" = keep ] && exit 0
            pid=$1 mark=$2
            shift 2
            if [ -r "/proc/$pid/cmdline" ] && tr '\\000' '\\n' < "/proc/$pid/cmdline" | grep -qF -- "$mark"; then
              for c in $(cat /proc/$pid/task/*/children 2>/dev/null); do kill -9 "$c" 2>/dev/null; done
              i=0
              while [ -e "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
              kill -9 "$pid" 2>/dev/null
            fi
            rm -rf --one-file-system -- "$@"
            """;

    private static final String LIBVIRT_SCRIPT = """
            trap '' INT HUP
            IFS= read -r line
            [ "$line" = keep ] && exit 0
            uri=$1 uuid=$2
            shift 2
            virsh -q -c "$uri" destroy --domain "$uuid" >/dev/null 2>&1
            rm -rf -- "$@"
            """;

    private static final String REMOVE_SCRIPT = """
            trap '' INT HUP
            IFS= read -r line
            [ "$line" = keep ] && exit 0
            rm -rf --one-file-system -- "$@"
            """;

    private final Process companion;
    private boolean done;

    private Watchdog(Process companion) {
        this.companion = companion;
    }

    /** Watches a QEMU process whose command line contains {@code folder}; removes {@code remove} when it ends it. */
    static Watchdog forQemu(long pid, Path folder, List<Path> remove) throws IOException {
        List<String> args = new ArrayList<>(List.of(Long.toString(pid), folder.toAbsolutePath().toString()));
        remove.stream().filter(p -> p != null).forEach(p -> args.add(p.toAbsolutePath().toString()));
        return start(QEMU_SCRIPT, "vse-watchdog-qemu", args);
    }

    /** Watches a systemd-nspawn process whose command line contains {@code folder}. */
    static Watchdog forContainer(long pid, Path folder, List<Path> remove) throws IOException {
        List<String> args = new ArrayList<>(List.of(Long.toString(pid), folder.toAbsolutePath().toString()));
        remove.stream().filter(p -> p != null).forEach(p -> args.add(p.toAbsolutePath().toString()));
        return start(CONTAINER_SCRIPT, "vse-watchdog-container", args);
    }

    /**
     * Watches a libvirt domain (by UUID: a transient domain of the same name started later is not
     * this one); {@code null} when {@code virsh} is not installed.
     */
    static Watchdog forLibvirt(String uri, String uuid, List<Path> remove) throws IOException {
        if (QemuHypervisor.which("virsh") == null) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(uri, uuid));
        remove.stream().filter(p -> p != null).forEach(p -> args.add(p.toAbsolutePath().toString()));
        return start(LIBVIRT_SCRIPT, "vse-watchdog-libvirt", args);
    }

    /**
     * Removes {@code paths} when this JVM dies in any way, SIGKILL included, unless
     * {@link #release()} was called first: for what a caller makes around its machines (a
     * {@code vse run} work folder with its keys). Each call starts one small {@code sh}.
     */
    public static Watchdog removeWhenJvmDies(Path... paths) throws IOException {
        List<String> args = new ArrayList<>();
        for (Path p : paths) {
            args.add(p.toAbsolutePath().toString());
        }
        return start(REMOVE_SCRIPT, "vse-watchdog-files", args);
    }

    private static Watchdog start(String script, String name, List<String> args) throws IOException {
        List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", script, name));
        c.addAll(args);
        Process p = new ProcessBuilder(c).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new Watchdog(p);
    }

    /** @return {@code s} in single quotes for sh */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    long pid() {
        return companion.pid();
    }

    /** Ends the companion without touching the machine (it was closed, or is meant to outlive this JVM). */
    public synchronized void release() {
        if (done) {
            return;
        }
        done = true;
        try (OutputStream out = companion.getOutputStream()) {
            out.write("keep\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the companion is gone already
        }
    }

    /** Lets the companion end the machine now (what happens by itself when this JVM dies). */
    synchronized void fire() {
        if (done) {
            return;
        }
        done = true;
        try {
            companion.getOutputStream().close();
        } catch (IOException e) {
            // gone already
        }
    }
}
