package org.vsestudio.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code vse} command: {@code vse [--help | --version | COMMAND [ARGS…]]}.
 *
 * <p>Exit codes: 0 success, 1 the command found errors, 2 a usage or I/O problem (reported
 * as one sentence; the stack trace goes to the log only, shown with {@code VSE_DEBUG=1}).
 */
public final class Vse {

    private static final Logger LOG = Logger.getLogger(Vse.class.getName());

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Vse() {
        for (Command c : List.of(new CheckCommand(), new LockCommand(), new BuildCommand(), new RunCommand(), new CacheCommand(), new DiagramCommand(), new LspCommand(), new DoctorCommand(), new VmCommand())) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        configureLogging(System.getenv("VSE_DEBUG") != null);
        System.exit(new Vse().run(args, System.out, System.err));
    }

    /** Traces go to standard error only when asked for; a user sees sentences, not stacks. */
    private static void configureLogging(boolean debug) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        if (debug) {
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.ALL);
            root.addHandler(console);
            Logger.getLogger("org.vsestudio").setLevel(Level.ALL);
        }
    }

    /** Runs {@code vse} with {@code args}; returns the exit code instead of exiting. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()) {
            usage(err);
            return Command.USAGE;
        }
        String first = list.get(0);
        switch (first) {
            case "-h", "--help", "help" -> {
                if (list.size() > 1 && commands.containsKey(list.get(1))) {
                    Command c = commands.get(list.get(1));
                    out.println("Usage: vse " + c.name() + " " + c.synopsis());
                    out.println(c.summary());
                } else {
                    usage(out);
                }
                return Command.OK;
            }
            case "-V", "--version", "version" -> {
                out.println("vse " + version() + " (VSE Studio)");
                out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
                return Command.OK;
            }
            default -> {
                // a subcommand below
            }
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("vse: '" + first + "' is not a vse command; 'vse --help' lists them.");
            return Command.USAGE;
        }
        List<String> rest = list.subList(1, list.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println("Usage: vse " + command.name() + " " + command.synopsis());
            out.println(command.summary());
            return Command.OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (Command.UsageException e) {
            err.println("vse " + command.name() + ": " + e.getMessage());
            return Command.USAGE;
        } catch (IOException e) {
            LOG.log(Level.FINE, "I/O failure in vse " + command.name(), e);
            err.println("vse " + command.name() + ": " + describe(e));
            return Command.USAGE;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "vse " + command.name() + " failed", e);
            err.println("vse " + command.name() + ": an internal error stopped the command (" + e
                    + "); run again with VSE_DEBUG=1 to see where, and report it.");
            return Command.USAGE;
        }
    }

    private void usage(PrintStream s) {
        s.println("Usage: vse [--help | --version | COMMAND [ARGS...]]");
        s.println();
        s.println("Virtual System Environments: describe the system your application needs,");
        s.println("check it against the real package repository, and run it anywhere.");
        s.println();
        s.println("Commands:");
        for (Command c : commands.values()) {
            s.printf("  %-10s %s%n", c.name(), c.summary());
        }
        s.println();
        s.println("'vse help COMMAND' shows a command's arguments.");
        s.println("Exit codes: 0 success, 1 errors found, 2 usage or I/O problem.");
    }

    /** @return the version of this command, from its bundle's manifest */
    public static String version() {
        try {
            Path location = Path.of(Vse.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile())) {
                    String v = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
                    if (v != null) {
                        return v;
                    }
                }
            }
            Path manifest = location.resolve("../../META-INF/MANIFEST.MF").normalize();
            if (Files.isRegularFile(manifest)) {
                for (String line : Files.readAllLines(manifest)) {
                    if (line.startsWith("Bundle-Version:")) {
                        return line.substring("Bundle-Version:".length()).trim().replace(".qualifier", "-dev");
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot read the version from the manifest", e);
        }
        return "unknown";
    }

    /** One sentence for an input/output failure: the file system's own exceptions carry only a path. */
    static String describe(IOException e) {
        String path = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
        String reason = e instanceof java.nio.file.FileSystemException f ? f.getReason() : null;
        return switch (e) {
            case java.nio.file.NoSuchFileException x -> "'" + path + "' does not exist.";
            case java.nio.file.AccessDeniedException x -> "access to '" + path + "' is denied.";
            case java.nio.file.DirectoryNotEmptyException x -> "the folder '" + path + "' could not be removed: it is not empty.";
            case java.nio.file.FileAlreadyExistsException x -> "'" + path + "' is in the way: it already exists.";
            case java.nio.file.FileSystemException x -> "'" + path + "': " + (reason == null ? e.getClass().getSimpleName() : reason) + ".";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
