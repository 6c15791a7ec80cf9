package org.vsestudio.image;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host programs that building and running images needs, where they are, and the
 * Debian package that provides each one that is missing.
 */
public final class HostTools {

    /** A program the tool runs, what it is for, and the Debian package that has it. */
    public record Tool(String program, String purpose, String debianPackage) {
    }

    /** A tool and where it was found, if it was. */
    public record Found(Tool tool, Optional<Path> path) {
        public boolean present() {
            return path.isPresent();
        }
    }

    /** The tools of the image builder and the local sandbox, in the order they are used. */
    public static final List<Tool> TOOLS = List.of(
            new Tool("mmdebstrap", "creates the root file system of a Debian image", "mmdebstrap"),
            new Tool("mkfs.ext4", "turns a root file system into a disk without mounting it", "e2fsprogs"),
            new Tool("qemu-img", "converts and layers disk images (qcow2)", "qemu-utils"),
            new Tool("qemu-system-x86_64", "runs virtual machines directly", "qemu-system-x86"),
            new Tool("virsh", "manages virtual machines through libvirt", "libvirt-clients"),
            new Tool("systemd-nspawn", "runs an image as a container (low protection)", "systemd-container"));

    private final List<Path> searchPath;

    /** Tools looked up on the {@code PATH} of this process (plus the sbin folders). */
    public HostTools() {
        this(System.getenv().getOrDefault("PATH", ""));
    }

    HostTools(String path) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        for (String sbin : List.of("/usr/sbin", "/sbin")) {
            if (!dirs.contains(Path.of(sbin))) {
                dirs.add(Path.of(sbin));
            }
        }
        this.searchPath = List.copyOf(dirs);
    }

    /** @return where {@code program} is, if it is an executable on the search path */
    public Optional<Path> find(String program) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return every tool of {@link #TOOLS} with where it was found */
    public List<Found> survey() {
        return TOOLS.stream().map(t -> new Found(t, find(t.program()))).toList();
    }
}
