package org.vsestudio.packages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either whole or not there: written to a temporary file beside the target,
 * flushed to disk, then renamed over it. A crash, a kill or a full disk never leaves half a
 * lock file, cache entry or image manifest behind.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code length} bytes of {@code data} from {@code offset} as the new content of {@code target}. */
    public static void write(Path target, byte[] data, int offset, int length) throws IOException {
        Path tmp = temporaryBeside(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer out = ByteBuffer.wrap(data, offset, length);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.force(false);
            }
            replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code data} as the new content of {@code target}. */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, data, 0, data.length);
    }

    /** Writes {@code text} in UTF-8 as the new content of {@code target}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a new empty temporary file in {@code target}'s folder (created if needed), for {@link #replace} */
    public static Path temporaryBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    }

    /** Renames the finished file {@code tmp} over {@code target}, atomically where the file system can. */
    public static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
