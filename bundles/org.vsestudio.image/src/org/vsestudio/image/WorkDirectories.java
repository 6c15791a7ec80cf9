package org.vsestudio.image;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes build folders safely: never crosses into another file system (a chroot of a
 * killed build may still have {@code /proc} or {@code /dev} mounted inside), and reports what
 * it had to leave.
 */
final class WorkDirectories {

    private WorkDirectories() {
    }

    /**
     * Deletes {@code root}, first unmounting what a tool left mounted below it (mmdebstrap
     * leaves {@code /proc}, {@code /sys} and {@code /dev} mounted in its chroot when it fails
     * while setting them up, or is killed).
     *
     * @return the folders below {@code root} it left because something stays mounted there
     */
    static List<Path> delete(Path root) throws IOException {
        List<Path> left = new ArrayList<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return left;
        }
        unmountBelow(root);
        Object device = device(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!device.equals(device(dir))) {
                    left.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                try {
                    Files.delete(file);
                } catch (NoSuchFileException e) {
                    // gone already
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (left.stream().noneMatch(l -> l.startsWith(dir))) {
                    try {
                        Files.delete(dir);
                    } catch (NoSuchFileException e) {
                        // gone already
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return left;
    }

    /**
     * Deletes a finished build's work folder without making the build wait: what may be
     * mounted below it is unmounted now, the files are removed by {@code rm} in the
     * background (it goes on if this process exits; the next build removes what is left).
     */
    static void deleteInBackground(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        unmountBelow(root);
        Path doomed = root.resolveSibling(root.getFileName() + ".deleted");
        Files.move(root, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try {
            new ProcessBuilder("rm", "-rf", "--one-file-system", "--", doomed.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            delete(doomed);
        }
    }

    /** Unmounts every mount point below {@code root}, deepest first (lazily, so that a busy one goes too). */
    static void unmountBelow(Path root) {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        try {
            Path real = root.toRealPath();
            List<String> points = new ArrayList<>();
            for (String line : Files.readAllLines(mounts)) {
                String[] f = line.split(" ");
                if (f.length > 1) {
                    String point = unescape(f[1]);
                    if (point.startsWith(real + "/")) {
                        points.add(point);
                    }
                }
            }
            points.sort((a, b) -> Integer.compare(b.length(), a.length()));
            for (String point : points) {
                Process p = new ProcessBuilder("umount", "--lazy", point).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor();
            }
        } catch (IOException e) {
            // left mounted: the deletion below does not cross into it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** /proc/mounts writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not an escape
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static Object device(Path p) throws IOException {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(p);
        }
    }

    /** @return the total size in bytes of the regular files below {@code root} */
    static long size(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
