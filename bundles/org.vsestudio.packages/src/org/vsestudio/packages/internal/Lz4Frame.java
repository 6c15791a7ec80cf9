package org.vsestudio.packages.internal;

import java.util.Arrays;

/**
 * Decoder of the LZ4 frame format (the format of the {@code .lz4} files apt keeps in its lists
 * directory): frames of blocks, independent or linked, with the optional block and content
 * checksums (xxHash32) checked when the frame has them. Skippable frames are skipped.
 *
 * <p>It decodes a whole file into one array, so that linked blocks simply refer back into
 * the output.
 */
public final class Lz4Frame {

    private static final int MAGIC = 0x184D2204;

    private final byte[] in;
    private int pos;
    private byte[] out;
    private int outLength;

    private Lz4Frame(byte[] in, int expectedSize) {
        this.in = in;
        this.out = new byte[Math.max(1024, expectedSize > 0 ? expectedSize : in.length * 3)];
    }

    /** @return whether {@code data} starts with the magic number of an LZ4 frame */
    public static boolean isLz4(byte[] data) {
        return data.length >= 4 && readIntLE(data, 0) == MAGIC;
    }

    /**
     * Decodes every frame of {@code data}.
     *
     * @param expectedSize the decoded size if known (sizes the output once), else 0
     * @throws CorruptDataException if the data is not a well-formed LZ4 frame sequence
     */
    public static byte[] decode(byte[] data, long expectedSize) throws CorruptDataException {
        Lz4Frame d = new Lz4Frame(data, expectedSize > 0 && expectedSize < Integer.MAX_VALUE - 16 ? (int) expectedSize : 0);
        d.frames();
        return d.out.length == d.outLength ? d.out : Arrays.copyOf(d.out, d.outLength);
    }

    private void frames() throws CorruptDataException {
        if (in.length == 0) {
            throw new CorruptDataException("the file is empty");
        }
        while (pos < in.length) {
            need(4, "a frame header");
            int magic = readIntLE(in, pos);
            pos += 4;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // skippable frame
                need(4, "a skippable frame");
                long size = readIntLE(in, pos) & 0xFFFFFFFFL;
                pos += 4;
                if (size > in.length - pos) {
                    throw new CorruptDataException("it ends inside a skippable frame");
                }
                pos += (int) size;
                continue;
            }
            if (magic != MAGIC) {
                throw new CorruptDataException("it is not an LZ4 frame (magic number " + Integer.toHexString(magic) + " at byte " + (pos - 4) + ")");
            }
            frame();
        }
    }

    private void frame() throws CorruptDataException {
        int descriptorStart = pos;
        need(3, "a frame descriptor");
        int flg = in[pos++] & 0xFF;
        int bd = in[pos++] & 0xFF;
        if ((flg >> 6) != 1) {
            throw new CorruptDataException("its LZ4 frame version is " + (flg >> 6) + ", not 1");
        }
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSizeFlag = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        int maxBlock = switch ((bd >> 4) & 7) {
            case 4 -> 64 << 10;
            case 5 -> 256 << 10;
            case 6 -> 1 << 20;
            case 7 -> 4 << 20;
            default -> throw new CorruptDataException("its LZ4 block size code " + ((bd >> 4) & 7) + " is invalid");
        };
        long contentSize = -1;
        if (contentSizeFlag) {
            need(8, "the content size");
            contentSize = readIntLE(in, pos) & 0xFFFFFFFFL | (long) readIntLE(in, pos + 4) << 32;
            pos += 8;
        }
        if (dictId) {
            throw new CorruptDataException("it needs an LZ4 dictionary, which Debian's files never use");
        }
        need(1, "the header checksum");
        int expectedHc = in[pos] & 0xFF;
        int hc = (XxHash32.hash(in, descriptorStart, pos - descriptorStart, 0) >> 8) & 0xFF;
        if (hc != expectedHc) {
            throw new CorruptDataException("the LZ4 frame header checksum does not match");
        }
        pos++;
        int frameStart = outLength;
        while (true) {
            need(4, "a block size");
            int word = readIntLE(in, pos);
            pos += 4;
            if (word == 0) {
                break;
            }
            boolean stored = word < 0;
            int size = word & 0x7FFFFFFF;
            if (size > maxBlock || size > in.length - pos) {
                throw new CorruptDataException("it ends inside an LZ4 block (block of " + size + " bytes at byte " + (pos - 4) + ")");
            }
            if (blockChecksum) {
                need(size + 4, "a block checksum");
                if (XxHash32.hash(in, pos, size, 0) != readIntLE(in, pos + size)) {
                    throw new CorruptDataException("an LZ4 block checksum does not match (block at byte " + (pos - 4) + ")");
                }
            }
            int blockStart = outLength;
            if (stored) {
                ensure(size);
                System.arraycopy(in, pos, out, outLength, size);
                outLength += size;
            } else {
                block(pos, pos + size);
            }
            if (outLength - blockStart > maxBlock) {
                throw new CorruptDataException("an LZ4 block decodes to more than the frame's block size");
            }
            pos += size + (blockChecksum ? 4 : 0);
        }
        if (contentSize >= 0 && outLength - frameStart != contentSize) {
            throw new CorruptDataException("the LZ4 frame decodes to " + (outLength - frameStart) + " bytes, its header says " + contentSize);
        }
        if (contentChecksum) {
            need(4, "the content checksum");
            if (XxHash32.hash(out, frameStart, outLength - frameStart, 0) != readIntLE(in, pos)) {
                throw new CorruptDataException("the LZ4 content checksum does not match");
            }
            pos += 4;
        }
    }

    private void block(int p, int end) throws CorruptDataException {
        byte[] src = in;
        while (true) {
            if (p >= end) {
                throw new CorruptDataException("an LZ4 block ends inside a sequence");
            }
            int token = src[p++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new CorruptDataException("an LZ4 block ends inside a literal length");
                    }
                    b = src[p++] & 0xFF;
                    literals += b;
                } while (b == 255);
            }
            if (literals > end - p) {
                throw new CorruptDataException("an LZ4 block's literals run past its end");
            }
            ensure(literals);
            System.arraycopy(src, p, out, outLength, literals);
            outLength += literals;
            p += literals;
            if (p == end) {
                return; // the last sequence has literals only
            }
            if (end - p < 2) {
                throw new CorruptDataException("an LZ4 block ends inside a match offset");
            }
            int offset = (src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8;
            p += 2;
            int match = token & 15;
            if (match == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new CorruptDataException("an LZ4 block ends inside a match length");
                    }
                    b = src[p++] & 0xFF;
                    match += b;
                } while (b == 255);
            }
            match += 4;
            if (offset == 0 || offset > outLength) {
                throw new CorruptDataException("an LZ4 match refers before the start of the data");
            }
            ensure(match);
            byte[] o = out;
            int from = outLength - offset;
            int to = outLength;
            if (offset >= match) {
                System.arraycopy(o, from, o, to, match);
            } else {
                for (int i = 0; i < match; i++) {
                    o[to + i] = o[from + i];
                }
            }
            outLength += match;
        }
    }

    private void ensure(int more) throws CorruptDataException {
        long needed = (long) outLength + more;
        if (needed > out.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new CorruptDataException("it decodes to more than 2 GB");
            }
            out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, (long) out.length * 2)));
        }
    }

    private void need(int n, String what) throws CorruptDataException {
        if (in.length - pos < n) {
            throw new CorruptDataException("it is truncated: it ends where " + what + " should be");
        }
    }

    static int readIntLE(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
