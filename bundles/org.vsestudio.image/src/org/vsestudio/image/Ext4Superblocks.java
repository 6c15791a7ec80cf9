package org.vsestudio.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The one field of an ext4 superblock that no option of the e2fsprogs tools fixes: the
 * lifetime count of kilobytes written ({@code s_kbytes_written}), which depends on how the
 * tools happened to write, not on what the file system holds. It is set to zero in the
 * superblock and in each backup, each with its checksum made again, so that the same
 * content gives the same bytes.
 */
final class Ext4Superblocks {

    private static final int MAGIC = 0xEF53;

    private Ext4Superblocks() {
    }

    /** @return how many superblocks (primary and backups) were written */
    static int zeroLifetimeWrites(Path raw) throws IOException {
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer primary = read(ch, 1024);
            if ((primary.getShort(0x38) & 0xFFFF) != MAGIC) {
                throw new IOException(raw + " is not an ext2/3/4 file system");
            }
            long blockSize = 1024L << primary.getInt(0x18);
            long firstDataBlock = Integer.toUnsignedLong(primary.getInt(0x14));
            long blocksPerGroup = Integer.toUnsignedLong(primary.getInt(0x20));
            long blocks = Integer.toUnsignedLong(primary.getInt(0x04));
            boolean is64 = (primary.getInt(0x60) & 0x80) != 0;
            if (is64) {
                blocks |= Integer.toUnsignedLong(primary.getInt(0x150)) << 32;
            }
            boolean sparse = (primary.getInt(0x64) & 0x1) != 0;
            long groups = (blocks - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
            TreeSet<Long> backups = new TreeSet<>();
            for (long g = 1; g < groups; g++) {
                if (!sparse || g == 1 || power(g, 3) || power(g, 5) || power(g, 7)) {
                    backups.add(g);
                }
            }
            int written = 0;
            write(ch, 1024, primary);
            written++;
            for (long g : backups) {
                long offset = (firstDataBlock + g * blocksPerGroup) * blockSize;
                ByteBuffer sb = read(ch, offset);
                if ((sb.getShort(0x38) & 0xFFFF) == MAGIC) {
                    write(ch, offset, sb);
                    written++;
                }
            }
            return written;
        }
    }

    private static boolean power(long n, long base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }

    private static ByteBuffer read(FileChannel ch, long offset) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("the file system ends inside a superblock");
            }
        }
        return b;
    }

    private static void write(FileChannel ch, long offset, ByteBuffer sb) throws IOException {
        sb.putLong(0x178, 0L);
        boolean checksummed = (sb.getInt(0x64) & 0x400) != 0; // metadata_csum
        if (checksummed) {
            CRC32C crc = new CRC32C();
            crc.update(sb.array(), 0, 0x3FC);
            sb.putInt(0x3FC, ~(int) crc.getValue());
        }
        sb.position(0);
        while (sb.hasRemaining()) {
            ch.write(sb, offset + sb.position());
        }
    }
}
