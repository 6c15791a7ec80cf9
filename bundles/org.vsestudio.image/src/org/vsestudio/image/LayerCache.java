package org.vsestudio.image;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The content-addressed cache of image layers, in one folder:
 *
 * <pre>
 * packages/KEY/layer.tar      a root file system with exactly the locked packages installed
 * packages/KEY/packages.txt   its distribution line and its packages (NAME VERSION ARCH), sorted
 * images/KEY/…                finished images (disk, kernel, initrd, SBOM, manifest)
 * work/PID-N/                 the folders of builds in progress
 * lock                        held by the build that uses the cache
 * </pre>
 *
 * Entries appear only complete: each is written below {@code work/} and renamed into place.
 * A build that was killed leaves at most a work folder, which the next build removes.
 */
public final class LayerCache {

    /** What the cache holds, for {@code vse cache}. */
    public record Usage(int packageLayers, long packageBytes, int images, long imageBytes, long workBytes) {
        public long total() {
            return packageBytes + imageBytes + workBytes;
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path root;

    public LayerCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache of this user: {@code $XDG_CACHE_HOME/vse-studio/images}, by default {@code ~/.cache/vse-studio/images}. */
    public static LayerCache forUser() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new LayerCache(base.resolve("vse-studio").resolve("images"));
    }

    public Path root() {
        return root;
    }

    Path packageLayer(String key) {
        return root.resolve("packages").resolve(key);
    }

    Path image(String key) {
        return root.resolve("images").resolve(key);
    }

    /** Takes the cache for one build; the lock goes with the process if it dies. */
    FileLock lock() throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return a new, empty work folder of this process */
    Path newWork() throws IOException {
        Path work = root.resolve("work").resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectories(work);
        return work;
    }

    /**
     * Removes the work folders of builds that are no longer running (killed, or crashed),
     * first stopping any tool such a build left running. Call with the lock held.
     */
    void removeAbandonedWork(BuildProgress progress) throws IOException {
        Path workRoot = root.resolve("work");
        if (!Files.isDirectory(workRoot)) {
            return;
        }
        long self = ProcessHandle.current().pid();
        List<Path> abandoned;
        try (Stream<Path> s = Files.list(workRoot)) {
            abandoned = s.filter(p -> {
                String n = p.getFileName().toString();
                int dash = n.indexOf('-');
                long pid = dash > 0 ? parse(n.substring(0, dash)) : -1;
                return pid != self || !Files.exists(p.resolve("active"));
            }).toList();
        }
        for (Path work : abandoned) {
            stopLeftovers(work);
            try {
                List<Path> left = WorkDirectories.delete(work);
                if (!left.isEmpty()) {
                    progress.output("Left " + left + ": something is still mounted there.");
                }
            } catch (IOException e) {
                // an earlier build's background removal may be deleting it right now; the next build tries again
                progress.output("Could not remove the old work folder " + work + " yet (" + e.getClass().getSimpleName() + ").");
            }
        }
    }

    /** Stops the tools a killed build had started (their process ids are in {@code tools.pid}). */
    private static void stopLeftovers(Path work) {
        Path pids = work.resolve("tools.pid");
        if (!Files.isRegularFile(pids)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(pids)) {
                long pid = parse(line.strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    List<ProcessHandle> tree = new ArrayList<>();
                    tree.add(h);
                    h.descendants().forEach(tree::add);
                    h.destroy();
                    try {
                        h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // forced below
                    }
                    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                });
            }
        } catch (IOException e) {
            // nothing to stop
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Moves a finished folder into place as the entry {@code target} (which must not exist yet). */
    static void commit(Path finished, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            WorkDirectories.delete(finished);
            return;
        }
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache folder " + target.getParent() + " is on another file system than its work folder", e);
        }
    }

    /** Marks an entry as used now (pruning removes what was not used for longest). */
    static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only affects pruning order
        }
    }

    /**
     * The cached package layer to start from: the one with the most packages that are all in
     * {@code wanted} (same distribution line), if any.
     */
    Optional<PackageLayer> bestParent(String distributionLine, Set<String> wanted) throws IOException {
        Path dir = root.resolve("packages");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        PackageLayer best = null;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path entry : s.toList()) {
                Path list = entry.resolve("packages.txt");
                if (!Files.isRegularFile(list) || !Files.isRegularFile(entry.resolve("layer.tar"))
                        || !Files.isRegularFile(entry.resolve("files.txt"))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(distributionLine)) {
                    continue;
                }
                Set<String> have = new HashSet<>(lines.subList(1, lines.size()));
                if (wanted.containsAll(have) && (best == null || have.size() > best.packages().size())) {
                    best = new PackageLayer(entry.getFileName().toString(), entry, have);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A cached package layer: a whole tree, or what changed on its parent. */
    record PackageLayer(String key, Path folder, Set<String> packages) {
        Path tar() {
            return folder.resolve("layer.tar");
        }

        /** @return the key of the layer it was built on, if any */
        Optional<String> parent() {
            try {
                String p = Files.readString(folder.resolve("parent")).strip();
                return p.isEmpty() || p.equals("none") ? Optional.empty() : Optional.of(p);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * @return the layers to unpack, in order, to get the tree of {@code layer}: the whole tree
     *         it stacks on first, {@code layer} last
     * @throws IOException if a layer of the chain is no longer in the cache
     */
    List<PackageLayer> chain(PackageLayer layer) throws IOException {
        List<PackageLayer> chain = new ArrayList<>();
        PackageLayer at = layer;
        while (true) {
            chain.add(0, at);
            Optional<String> parent = at.parent();
            if (parent.isEmpty()) {
                return chain;
            }
            Path folder = packageLayer(parent.get());
            if (!Files.isRegularFile(folder.resolve("layer.tar")) || chain.size() > 100) {
                throw new IOException("the cached layer " + at.key() + " stacks on " + parent.get() + ", which is no longer in the cache");
            }
            at = new PackageLayer(parent.get(), folder, Set.of());
        }
    }

    /** @return what the cache holds now */
    public Usage usage() throws IOException {
        int layers = count(root.resolve("packages"));
        int images = count(root.resolve("images"));
        return new Usage(layers, WorkDirectories.size(root.resolve("packages")), images, WorkDirectories.size(root.resolve("images")),
                WorkDirectories.size(root.resolve("work")));
    }

    private static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isDirectory).count();
        }
    }

    /**
     * Removes entries not used for {@code unusedFor} (all entries if zero) and abandoned work.
     *
     * @return the bytes freed
     */
    public long prune(Duration unusedFor, BuildProgress progress) throws IOException {
        long before = usage().total();
        try (FileLock lock = lock()) {
            removeAbandonedWork(progress);
            Instant limit = Instant.now().minus(unusedFor);
            for (String kind : List.of("packages", "images")) {
                Path dir = root.resolve(kind);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path entry : s.toList()) {
                        if (unusedFor.isZero() || Files.getLastModifiedTime(entry).toInstant().isBefore(limit)) {
                            // rename first, so that a half-deleted entry is never taken for a whole one
                            Path doomed = newWork().resolve("pruned");
                            Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
                            WorkDirectories.delete(doomed.getParent());
                        }
                    }
                }
            }
            lock.channel().close();
        }
        return Math.max(0, before - usage().total());
    }
}
