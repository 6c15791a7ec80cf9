package org.vsestudio.packages.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.tukaani.xz.XZInputStream;

/**
 * The compressions apt and Debian repositories use for {@code Packages} files, recognised by
 * their magic numbers (not by the file name): LZ4 frames, gzip, xz, or none.
 */
public enum Compression {
    NONE(""), LZ4(".lz4"), GZIP(".gz"), XZ(".xz");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** @return the file name suffix of this compression, empty for none */
    public String suffix() {
        return suffix;
    }

    /** @return the compression whose suffix ends {@code fileName}, {@link #NONE} if none does */
    public static Compression ofFileName(String fileName) {
        for (Compression c : values()) {
            if (c != NONE && fileName.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** @return the compression of {@code data}, judged by its first bytes */
    public static Compression of(byte[] data) {
        if (Lz4Frame.isLz4(data)) {
            return LZ4;
        }
        if (data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B) {
            return GZIP;
        }
        if (data.length >= 6 && (data[0] & 0xFF) == 0xFD && data[1] == '7' && data[2] == 'z' && data[3] == 'X' && data[4] == 'Z' && data[5] == 0) {
            return XZ;
        }
        return NONE;
    }

    /**
     * Decompresses {@code data} according to its magic number.
     *
     * @param expectedSize the decompressed size if known, else 0 (only sizes buffers)
     * @throws CorruptDataException if the data is damaged or truncated
     */
    public static byte[] decompress(byte[] data, long expectedSize) throws CorruptDataException {
        Compression c = of(data);
        try {
            return switch (c) {
                case NONE -> data;
                case LZ4 -> Lz4Frame.decode(data, expectedSize);
                case GZIP -> readAll(new GZIPInputStream(new ByteArrayInputStream(data), 1 << 16), expectedSize);
                case XZ -> readAll(new XZInputStream(new ByteArrayInputStream(data)), expectedSize);
            };
        } catch (ZipException e) {
            throw new CorruptDataException("its gzip data is damaged (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new CorruptDataException("it is truncated: its " + c.name().toLowerCase() + " data ends early");
        } catch (IOException e) {
            // XZ's CorruptedInputException, UnsupportedOptionsException, ... are IOExceptions
            throw new CorruptDataException("its " + c.name().toLowerCase() + " data is damaged (" + e.getMessage() + ")");
        }
    }

    private static byte[] readAll(InputStream in, long expectedSize) throws IOException {
        try (in) {
            byte[] buf = new byte[(int) Math.max(1 << 16, Math.min(expectedSize > 0 ? expectedSize + 1 : 1 << 20, Integer.MAX_VALUE - 16))];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(Integer.MAX_VALUE - 16, buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        }
    }
}
