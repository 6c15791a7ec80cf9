package org.vsestudio.packages.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.vsestudio.packages.AtomicFiles;

/**
 * The binary cache file of a {@link PackageStore}: the store's arrays as they are in memory,
 * so that loading is reading them back. Layout (little-endian):
 *
 * <pre>
 * "VSEIDX\0" version(1 byte)
 * int keyLength, key (UTF-8)            identity of the inputs; a different key is a miss
 * int stringCount, strings (int length + UTF-8 each): caller's metadata (repositories)
 * int nameCount, names (int length + UTF-8 each, sorted)
 * arrays, each an int length then its ints: fields, pkgName, pkgRepo, byNameStart, byName,
 *   provStart, provPkg, provVersion
 * int blobLength, blob
 * int CRC32C of everything before it
 * </pre>
 *
 * It is written to a temporary file beside the target and renamed over it, so a reader
 * never sees a half-written cache; a file that fails its checksum is a miss.
 */
public final class StoreFile {

    private static final byte[] MAGIC = { 'V', 'S', 'E', 'I', 'D', 'X', 0, 1 };

    /** What a cache file holds. */
    public record Content(PackageStore store, List<String> metadata) {
    }

    private StoreFile() {
    }

    /** Writes {@code store} to {@code target} atomically. */
    public static void write(Path target, String key, List<String> metadata, PackageStore s) throws IOException {
        long size = 64L + 4L * (s.fields.length + s.pkgName.length + s.pkgRepo.length + s.byNameStart.length + s.byName.length
                + s.provStart.length + s.provPkg.length + s.provVersion.length) + s.blobLength;
        byte[][] nameBytes = new byte[s.names.length][];
        for (int i = 0; i < s.names.length; i++) {
            nameBytes[i] = s.names[i].getBytes(StandardCharsets.UTF_8);
            size += 4 + nameBytes[i].length;
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        List<byte[]> meta = new ArrayList<>();
        for (String m : metadata) {
            meta.add(m.getBytes(StandardCharsets.UTF_8));
            size += 4 + meta.get(meta.size() - 1).length;
        }
        size += keyBytes.length + 64;
        if (size > Integer.MAX_VALUE - 64) {
            throw new IOException("the index is too large for one cache file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.putInt(keyBytes.length).put(keyBytes);
        b.putInt(meta.size());
        for (byte[] m : meta) {
            b.putInt(m.length).put(m);
        }
        b.putInt(nameBytes.length);
        for (byte[] n : nameBytes) {
            b.putInt(n.length).put(n);
        }
        for (int[] a : new int[][] { s.fields, s.pkgName, s.pkgRepo, s.byNameStart, s.byName, s.provStart, s.provPkg, s.provVersion }) {
            b.putInt(a.length);
            b.asIntBuffer().put(a);
            b.position(b.position() + 4 * a.length);
        }
        b.putInt(s.blobLength).put(s.blob, 0, s.blobLength);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        AtomicFiles.write(target, b.array(), 0, b.position());
    }

    /**
     * Reads a cache file.
     *
     * @return its content, or {@code null} if it does not exist, was written for another key,
     *         or is damaged (a cache miss, never an error)
     */
    public static Content read(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] data = Files.readAllBytes(file);
        try {
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (byte m : MAGIC) {
                if (b.get() != m) {
                    return null;
                }
            }
            if (!key.equals(string(b))) {
                return null;
            }
            if (data.length < 4) {
                return null;
            }
            CRC32C crc = new CRC32C();
            crc.update(data, 0, data.length - 4);
            if ((int) crc.getValue() != ByteBuffer.wrap(data, data.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
                return null;
            }
            int metaCount = b.getInt();
            List<String> meta = new ArrayList<>(metaCount);
            for (int i = 0; i < metaCount; i++) {
                meta.add(string(b));
            }
            int nameCount = b.getInt();
            String[] names = new String[nameCount];
            for (int i = 0; i < nameCount; i++) {
                int len = b.getInt();
                names[i] = new String(data, b.position(), len, StandardCharsets.UTF_8);
                b.position(b.position() + len);
            }
            int[] fields = ints(b);
            int[] pkgName = ints(b);
            int[] pkgRepo = ints(b);
            int[] byNameStart = ints(b);
            int[] byName = ints(b);
            int[] provStart = ints(b);
            int[] provPkg = ints(b);
            int[] provVersion = ints(b);
            int blobLength = b.getInt();
            byte[] blob = new byte[blobLength];
            b.get(blob);
            int count = pkgName.length;
            if (fields.length != count * PackageStore.FIELDS * 2 || byNameStart.length != nameCount + 1 || provStart.length != nameCount + 1) {
                return null;
            }
            return new Content(new PackageStore(blob, blobLength, fields, pkgName, pkgRepo, count, names, byNameStart, byName,
                    provStart, provPkg, provVersion), meta);
        } catch (RuntimeException e) { // BufferUnderflow, negative sizes: a damaged file
            return null;
        }
    }

    private static String string(ByteBuffer b) {
        int len = b.getInt();
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static int[] ints(ByteBuffer b) {
        int len = b.getInt();
        int[] a = new int[len];
        b.asIntBuffer().get(a);
        b.position(b.position() + 4 * len);
        return a;
    }
}
