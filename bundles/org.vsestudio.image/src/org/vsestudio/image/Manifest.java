package org.vsestudio.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vsestudio.packages.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * {@code manifest.json} beside an image: its digest, its files and their SHA-256, the kernel
 * command line, the lock's and the sources' digests, the build time, the tools that built it
 * and the keys of its layers.
 *
 * @param digest the image digest ({@code sha256:…})
 * @param environment the environment's qualified name
 * @param artifacts file names by role (disk, kernel, initrd, rootfs, private, lock, sbom)
 * @param sha256 the SHA-256 of each artifact file (not of the SBOM, which names the digest)
 * @param kernelCommandLine the command line for direct kernel boot
 * @param sourceDateEpoch the time every file of the image carries at most (from the lock)
 * @param builtAt when this image was built (UTC)
 * @param lockSha256 the SHA-256 of the lock's text
 * @param sourceSha256 the SHA-256 of the {@code .vse} files and the copied files
 * @param tools the first line of each tool's version
 * @param packageLayer the key of the package layer
 * @param configurationLayer the key of the configuration layer
 * @param packages how many packages the image has
 */
public record Manifest(String digest, String environment, Map<String, String> artifacts, Map<String, String> sha256,
        String kernelCommandLine, long sourceDateEpoch, String builtAt, String lockSha256, String sourceSha256,
        Map<String, String> tools, String packageLayer, String configurationLayer, int packages) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public Manifest {
        artifacts = new LinkedHashMap<>(artifacts);
        sha256 = new LinkedHashMap<>(sha256);
        tools = new LinkedHashMap<>(tools);
    }

    public String toJson() {
        return GSON.toJson(this) + "\n";
    }

    void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Reads a manifest. @throws IOException if it is not one */
    public static Manifest read(Path file) throws IOException {
        try {
            Manifest m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Manifest.class);
            if (m == null || m.digest() == null || m.artifacts() == null) {
                throw new IOException(file + " is not an image manifest.");
            }
            return m;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not an image manifest: " + e.getMessage(), e);
        }
    }
}
