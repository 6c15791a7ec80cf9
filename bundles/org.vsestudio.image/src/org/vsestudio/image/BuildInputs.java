package org.vsestudio.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.vsestudio.packages.AtomicFiles;

/**
 * What an image in an output folder was built from ({@code build-inputs.txt} beside it):
 * the {@code .vse} files, the lock, the copied folders with their digests, the options, and
 * the image files with their sizes and times. When all of it is unchanged, a new build has
 * nothing to do, and says so without parsing anything.
 *
 * @param environment the environment built
 * @param lines the recorded lines
 */
public record BuildInputs(String environment, List<String> lines) {

    /** The file's name in the output folder. */
    public static final String FILE = "build-inputs.txt";

    /**
     * Records the inputs of a finished build of {@code recipe} into {@code folder}.
     *
     * @param file the {@code .vse} file named on the command line
     * @param envOption the {@code --env} given, or {@code null}
     * @param vseFiles every {@code .vse} file the build read
     */
    public static void record(Path folder, Path file, String envOption, boolean diskless, String environment, ImageRecipe recipe,
            Path lockFile, List<Path> vseFiles, Path cacheRoot) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("vse-build-inputs 1");
        lines.add("builder " + ImageBuilder.FORMAT);
        lines.add("file " + file.toAbsolutePath().normalize());
        lines.add("env-option " + (envOption == null ? "-" : envOption));
        lines.add("diskless " + diskless);
        lines.add("environment " + environment);
        lines.add("cache " + cacheRoot);
        TreeSet<Path> inputs = new TreeSet<>(vseFiles);
        inputs.addAll(recipe.sources());
        inputs.add(lockFile.toAbsolutePath().normalize());
        for (Path p : inputs) {
            lines.add("input " + Digests.ofFile(p) + " " + p.toAbsolutePath().normalize());
        }
        for (ConfigStep s : recipe.steps()) {
            if (s instanceof ConfigStep.Copy c) {
                lines.add("tree " + Digests.ofTree(c.source()) + " " + c.source().toAbsolutePath().normalize());
            }
        }
        Manifest m = Manifest.read(folder.resolve("manifest.json"));
        for (String name : new TreeSet<>(m.artifacts().values())) {
            Path a = folder.resolve(name);
            lines.add("artifact " + Files.size(a) + " " + Files.getLastModifiedTime(a).toMillis() + " " + name);
        }
        AtomicFiles.writeString(folder.resolve(FILE), String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(folder.resolve(FILE), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Reads the inputs recorded in a file. */
    public static BuildInputs read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String environment = lines.stream().filter(l -> l.startsWith("environment ")).map(l -> l.substring(12)).findFirst().orElse("");
        return new BuildInputs(environment, lines);
    }

    /**
     * @return whether {@code folder} holds a build of {@code file} with the same options whose
     *         every input and image file is unchanged
     */
    public static boolean unchanged(Path folder, Path file, String envOption, boolean diskless, Path cacheRoot) {
        Path recorded = folder.resolve(FILE);
        if (!Files.isRegularFile(recorded)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(recorded, StandardCharsets.UTF_8);
            List<String> expected = List.of("vse-build-inputs 1", "builder " + ImageBuilder.FORMAT, "file " + file.toAbsolutePath().normalize(),
                    "env-option " + (envOption == null ? "-" : envOption), "diskless " + diskless);
            if (lines.size() < 7 || !lines.subList(0, 5).equals(expected) || !lines.get(6).equals("cache " + cacheRoot)) {
                return false;
            }
            for (String line : lines.subList(7, lines.size())) {
                String[] f = line.split(" ", 3);
                boolean same = switch (f[0]) {
                    case "input" -> Files.isRegularFile(Path.of(f[2])) && Digests.ofFile(Path.of(f[2])).equals(f[1]);
                    case "tree" -> Digests.ofTree(Path.of(f[2])).equals(f[1]);
                    case "artifact" -> {
                        String[] a = line.split(" ", 4);
                        Path p = folder.resolve(a[3]);
                        yield Files.isRegularFile(p) && Files.size(p) == Long.parseLong(a[1])
                                && Files.getLastModifiedTime(p).toMillis() == Long.parseLong(a[2]);
                    }
                    default -> false;
                };
                if (!same) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the image in {@code folder} as its manifest describes it */
    public BuiltImage image(Path folder, double seconds) throws IOException {
        Manifest m = Manifest.read(folder.resolve("manifest.json"));
        Map<String, Path> artifacts = new LinkedHashMap<>();
        m.artifacts().forEach((role, name) -> artifacts.put(role, folder.resolve(name)));
        artifacts.put("manifest", folder.resolve("manifest.json"));
        return new BuiltImage(m.digest(), folder, artifacts, m.kernelCommandLine(),
                List.of(new BuiltImage.Layer("packages", m.packageLayer(), "up to date"),
                        new BuiltImage.Layer("configuration", m.configurationLayer(), "up to date")),
                seconds);
    }
}
