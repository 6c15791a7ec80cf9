package org.vsestudio.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.vsestudio.image.BuildInputs;
import org.vsestudio.packages.AtomicFiles;

/**
 * What {@code vse run} needs to know of an environment besides its image — its name, the
 * account the command runs as, the backends whose protection it accepts — recorded beside the
 * image ({@value #FILE}) by a run that parsed the file. A later run of the same file with the
 * same {@code --env} uses it without parsing anything (two seconds less before the boot) as
 * long as the image's build inputs ({@link BuildInputs}: every {@code .vse} file read, the
 * lock, the copied folders, the image files) are unchanged and are the very inputs the facts
 * were recorded with; anything else, and the run parses the file as before.
 *
 * @param folder the image folder
 * @param environment the environment's name
 * @param user the account the command runs as
 */
record SandboxFacts(Path folder, String environment, String user) {

    /** The file's name in the image folder. */
    static final String FILE = "sandbox.properties";

    /**
     * @param file the {@code .vse} file named on the command line
     * @param envOption its {@code --env}, or {@code null}
     * @param backend the backend that is to run it: its protection must have been checked
     * @param cacheRoot the image cache the build used
     * @return the facts recorded for an image whose inputs are all unchanged
     */
    static Optional<SandboxFacts> find(Path file, String envOption, String backend, Path cacheRoot) {
        Path normal = file.toAbsolutePath().normalize();
        List<Path> candidates = new ArrayList<>();
        if (envOption != null) {
            candidates.add(ImageBuilds.defaultOut(normal, envOption));
        } else {
            Path build = normal.getParent().resolve("build");
            if (Files.isDirectory(build)) {
                try (Stream<Path> s = Files.list(build)) {
                    candidates.addAll(s.filter(Files::isDirectory).sorted().toList());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        for (Path folder : candidates) {
            try {
                Path recorded = folder.resolve(FILE);
                if (!Files.isRegularFile(recorded)) {
                    continue;
                }
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(recorded)));
                String environment = p.getProperty("environment");
                if (environment == null || !normal.toString().equals(p.getProperty("file"))
                        || !(envOption == null ? "-" : envOption).equals(p.getProperty("env-option"))
                        || !backends(p).contains(backend)
                        || !Files.isRegularFile(folder.resolve(BuildInputs.FILE))
                        || !digest(folder.resolve(BuildInputs.FILE)).equals(p.getProperty("inputs"))
                        || !BuildInputs.unchanged(folder, normal, environment, false, cacheRoot)) {
                    continue;
                }
                return Optional.of(new SandboxFacts(folder, environment, p.getProperty("user", "root")));
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: the run parses the file instead
            }
        }
        return Optional.empty();
    }

    /**
     * Records the facts beside an image that a run has just checked or built, adding
     * {@code backend} to the backends already recorded for the same inputs.
     */
    static void record(Path folder, Path file, String envOption, String backend, String environment, String user) throws IOException {
        Path normal = file.toAbsolutePath().normalize();
        String inputs = digest(folder.resolve(BuildInputs.FILE));
        Set<String> backends = new LinkedHashSet<>();
        Path recorded = folder.resolve(FILE);
        if (Files.isRegularFile(recorded)) {
            Properties old = new Properties();
            try {
                old.load(new StringReader(Files.readString(recorded)));
                if (inputs.equals(old.getProperty("inputs")) && environment.equals(old.getProperty("environment"))) {
                    backends.addAll(backends(old));
                }
            } catch (IOException | IllegalArgumentException e) {
                // replaced below
            }
        }
        backends.add(backend);
        Properties p = new Properties();
        p.setProperty("file", normal.toString());
        p.setProperty("env-option", envOption == null ? "-" : envOption);
        p.setProperty("environment", environment);
        p.setProperty("user", user);
        p.setProperty("inputs", inputs);
        p.setProperty("backends", String.join(",", backends));
        StringWriter text = new StringWriter();
        p.store(text, "vse run: what it knows of this image's environment while its build inputs are unchanged");
        AtomicFiles.writeString(recorded, text.toString());
    }

    private static String digest(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> backends(Properties p) {
        return new LinkedHashSet<>(Arrays.asList(p.getProperty("backends", "").split(",")));
    }
}
