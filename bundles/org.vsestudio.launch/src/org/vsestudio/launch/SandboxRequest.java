package org.vsestudio.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;

/**
 * What a "VSE Sandbox" launch runs: {@code vse run FILE [--env NAME | --machines NAME]
 * [--backend B] [--connect URI] [--memory MIB] [--cpus N] [--workdir DIR] [--timeout S]
 * [--keep] -- sh -c COMMAND}. The command is one shell line, run by the guest's shell, so
 * that {@code echo hi; exit 3} works as typed.
 *
 * @param file        the .vse file (absolute)
 * @param environment the environment to run, or {@code null} (the file's only one)
 * @param machines    the machine set to run instead of an environment, or {@code null}
 * @param command     the shell line to run in the guest
 * @param workdir     its working directory in the guest, or {@code null}
 * @param backend     {@code qemu}, {@code libvirt} or {@code container}
 * @param connect     libvirt's connection URI, or {@code null} (the default)
 * @param memory      MiB, or 0 for the profile's
 * @param cpus        virtual CPUs, or 0 for the profile's
 * @param timeout     readiness timeout in seconds, or 0 for {@code vse run}'s default
 * @param keep        leave the machine(s) running after the command
 */
public record SandboxRequest(Path file, String environment, String machines, String command, String workdir, String backend,
        String connect, int memory, int cpus, int timeout, boolean keep) {

    public static final String TYPE = "org.vsestudio.launch.sandbox";
    public static final String ATTR_FILE = "org.vsestudio.launch.sandbox.FILE";
    /** {@link #TARGET_ENVIRONMENT} or {@link #TARGET_MACHINES} */
    public static final String ATTR_TARGET_KIND = "org.vsestudio.launch.sandbox.TARGET_KIND";
    public static final String ATTR_TARGET = "org.vsestudio.launch.sandbox.TARGET";
    public static final String ATTR_COMMAND = "org.vsestudio.launch.sandbox.COMMAND";
    public static final String ATTR_WORKDIR = "org.vsestudio.launch.sandbox.WORKDIR";
    public static final String ATTR_KEEP = "org.vsestudio.launch.sandbox.KEEP";
    public static final String ATTR_BACKEND = "org.vsestudio.launch.sandbox.BACKEND";
    public static final String ATTR_CONNECT = "org.vsestudio.launch.sandbox.CONNECT";
    /** memory in MiB as text; empty means the profile's */
    public static final String ATTR_MEMORY = "org.vsestudio.launch.sandbox.MEMORY";
    public static final String ATTR_CPUS = "org.vsestudio.launch.sandbox.CPUS";
    public static final String ATTR_TIMEOUT = "org.vsestudio.launch.sandbox.TIMEOUT";

    public static final String TARGET_ENVIRONMENT = "environment";
    public static final String TARGET_MACHINES = "machines";
    public static final List<String> BACKENDS = List.of("qemu", "libvirt", "container");

    /** Reads a launch configuration; what is missing or wrong becomes a {@link CoreException} with one sentence. */
    public static SandboxRequest of(ILaunchConfiguration c) throws CoreException {
        var variables = VariablesPlugin.getDefault().getStringVariableManager();
        String fileText = variables.performStringSubstitution(c.getAttribute(ATTR_FILE, "")).strip();
        if (fileText.isEmpty()) {
            throw error("The launch configuration '" + c.getName() + "' names no .vse file; choose one on the Sandbox tab.");
        }
        Path file = Path.of(fileText).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw error("The file '" + fileText + "' does not exist.");
        }
        String command = c.getAttribute(ATTR_COMMAND, "").strip();
        if (command.isEmpty()) {
            throw error("The launch configuration '" + c.getName() + "' names no command to run in the sandbox; enter one on the Sandbox tab.");
        }
        String target = blankToNull(c.getAttribute(ATTR_TARGET, ""));
        boolean machines = TARGET_MACHINES.equals(c.getAttribute(ATTR_TARGET_KIND, TARGET_ENVIRONMENT));
        if (machines && target == null) {
            throw error("Choose the machine set to run on the Sandbox tab.");
        }
        String backend = c.getAttribute(ATTR_BACKEND, "qemu");
        if (!BACKENDS.contains(backend)) {
            throw error("Unknown backend '" + backend + "'; choose qemu, libvirt or container.");
        }
        return new SandboxRequest(file, machines ? null : target, machines ? target : null, command,
                blankToNull(variables.performStringSubstitution(c.getAttribute(ATTR_WORKDIR, ""))), backend,
                "libvirt".equals(backend) ? blankToNull(c.getAttribute(ATTR_CONNECT, "")) : null,
                number(c.getAttribute(ATTR_MEMORY, ""), "Memory"), number(c.getAttribute(ATTR_CPUS, ""), "CPUs"),
                number(c.getAttribute(ATTR_TIMEOUT, ""), "The readiness timeout"), c.getAttribute(ATTR_KEEP, false));
    }

    /**
     * Checks a number field as the tabs and {@link #of} do.
     *
     * @return {@code null} if {@code text} is empty or a positive whole number, else one sentence
     */
    public static String numberProblem(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (Integer.parseInt(text.strip()) > 0) {
                return null;
            }
        } catch (NumberFormatException e) {
            // below
        }
        return what + " must be a positive whole number, not '" + text.strip() + "'.";
    }

    private static int number(String text, String what) throws CoreException {
        String problem = numberProblem(text, what);
        if (problem != null) {
            throw error(problem);
        }
        return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static CoreException error(String message) {
        return new CoreException(Status.error(message));
    }

    /** The arguments of {@code vse}: {@code run FILE … -- sh -c COMMAND}. */
    public List<String> arguments() {
        List<String> a = new ArrayList<>();
        a.add("run");
        a.add(file.toString());
        if (machines != null) {
            a.add("--machines");
            a.add(machines);
        } else if (environment != null) {
            a.add("--env");
            a.add(environment);
        }
        a.add("--backend");
        a.add(backend);
        if (connect != null) {
            a.add("--connect");
            a.add(connect);
        }
        if (memory > 0) {
            a.add("--memory");
            a.add(Integer.toString(memory));
        }
        if (cpus > 0) {
            a.add("--cpus");
            a.add(Integer.toString(cpus));
        }
        if (workdir != null) {
            a.add("--workdir");
            a.add(workdir);
        }
        if (timeout > 0) {
            a.add("--timeout");
            a.add(Integer.toString(timeout));
        }
        if (keep) {
            a.add("--keep");
        }
        a.add("--");
        a.add("sh");
        a.add("-c");
        a.add(command);
        return a;
    }

    /** A short label for the Console and the Debug view: {@code vse run climate.vse (qemu) -- hostname}. */
    public String label() {
        String what = machines != null ? " --machines " + machines : environment != null ? " --env " + environment : "";
        return "vse run " + file.getFileName() + what + " (" + backend + ") -- " + command;
    }
}
