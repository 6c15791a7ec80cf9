package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.PackageSummary;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.RepositoryException;

/** Loading indexes: the host's real lists, every compression, damaged and mismatched files, the cache. */
class DebianIndexTest {

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void theHostIndexHasTheWholeRelease() {
        DebianIndex index = HostIndex.get();
        assertTrue(index.size() > 60_000, index.toString());
        assertFalse(index.versions("openmpi-bin").isEmpty());
        assertTrue(index.contains("mail-transport-agent"));
        assertTrue(index.isVirtual("mail-transport-agent"));
        assertTrue(index.versions("mail-transport-agent").isEmpty());
        assertTrue(index.providers("mail-transport-agent").stream().anyMatch(p -> p.provider().name().equals("postfix")));
        assertTrue(index.nearestNames("opnempi-bin", 3).contains("openmpi-bin"));
        List<PackageSummary> completions = index.complete("openmpi-", 20);
        assertTrue(completions.stream().anyMatch(s -> s.name().equals("openmpi-bin")), completions.toString());
        for (PackageSummary s : completions) {
            assertTrue(s.name().startsWith("openmpi-"));
            assertFalse(s.description().isEmpty(), s.toString());
            assertEquals(index.versions(s.name()), s.versions());
        }
        assertEquals(index.names().stream().sorted().toList(), index.names());
    }

    @Test
    @Tag("integration")
    void theCacheGivesBackTheSameIndex() throws IOException {
        AptLists lists = AptLists.host();
        DebianIndex host = HostIndex.get();
        List<PackagesFile> files = lists.select(host.release(), host.architecture()).files();
        DebianIndex first = DebianIndex.open(host.release(), host.architecture(), files, dir, Progress.NONE);
        List<Path> written;
        try (var s = Files.list(dir)) {
            written = s.toList();
        }
        assertEquals(1, written.size(), "one cache file, no temporary left: " + written);
        DebianIndex cached = DebianIndex.open(host.release(), host.architecture(), files, dir, Progress.NONE);
        assertEquals(first.size(), cached.size());
        assertEquals(first.names(), cached.names());
        assertEquals(first.repositories(), cached.repositories());
        for (String name : List.of("openmpi-bin", "libc6", "postfix", "python3")) {
            assertEquals(first.packages(name), cached.packages(name));
        }
        // a damaged cache file is a miss, never an error
        byte[] bytes = Files.readAllBytes(written.get(0));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(written.get(0), bytes);
        String key = DebianIndex.cacheKey(host.release(), host.architecture(), files);
        assertNull(DebianIndex.readCache(written.get(0), key));
        assertEquals(first.size(), DebianIndex.open(host.release(), host.architecture(), files, dir, Progress.NONE).size());
        assertNotNull(DebianIndex.readCache(written.get(0), key), "rewritten");
        assertNull(DebianIndex.readCache(written.get(0), key + "other"));
    }

    private static final String TEXT = Synthetic.pkg("hello", "2.10-3", "Depends: libc6 (>= 2.34)")
            + Synthetic.pkg("libc6", "2.36-9") + "Package: multi\nVersion: 1\nArchitecture: all\nDescription: short one\n"
            + " long description line\n .\n more\n\n";

    @Test
    void everyCompressionAptLeavesIsRead() throws IOException {
        byte[] plain = TEXT.getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("Packages.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(plain);
        }
        Path xz = dir.resolve("Packages.xz");
        try (XZOutputStream out = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            out.write(plain);
        }
        Path none = dir.resolve("Packages");
        Files.write(none, plain);
        for (Path p : List.of(gz, xz, none)) {
            DebianIndex index = load(p, plain.length, sha256(plain));
            assertEquals(3, index.size(), p.toString());
            assertEquals("short one", index.candidate("multi").description());
            assertEquals("[[libc6 (>= 2.34)]]", index.candidate("hello").depends().toString());
        }
    }

    @Test
    @Tag("integration")
    void aDamagedOrTruncatedListIsOneErrorNamingTheFile() throws IOException {
        PackagesFile real = AptLists.host().select(HostIndex.get().release(), HostIndex.get().architecture()).files().stream()
                .min((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
        byte[] bytes = Files.readAllBytes(real.path());
        Path truncated = dir.resolve("truncated_" + real.path().getFileName());
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        RepositoryException e = assertThrows(RepositoryException.class, () -> load(truncated, real.size(), real.sha256()));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path flipped = dir.resolve("flipped_" + real.path().getFileName());
        byte[] damaged = bytes.clone();
        damaged[damaged.length / 2] ^= 0x20;
        Files.write(flipped, damaged);
        e = assertThrows(RepositoryException.class, () -> load(flipped, real.size(), real.sha256()));
        assertTrue(e.getMessage().startsWith(flipped + ": "), e.getMessage());
    }

    @Test
    void contentThatDoesNotMatchItsReleaseChecksumIsAnError() throws IOException {
        byte[] plain = TEXT.getBytes(StandardCharsets.UTF_8);
        Path p = dir.resolve("Packages");
        Files.write(p, plain);
        RepositoryException e = assertThrows(RepositoryException.class, () -> load(p, plain.length, sha256("other".getBytes())));
        assertEquals(p + ": its content does not match the SHA256 the Release file lists for main/binary-amd64/Packages; "
                + "the list is damaged or out of date (run 'apt-get update').", e.getMessage());
        e = assertThrows(RepositoryException.class, () -> load(p, plain.length + 5, null));
        assertTrue(e.getMessage().contains("is " + plain.length + " bytes, but the Release file lists " + (plain.length + 5)),
                e.getMessage());
        Files.writeString(p, "Package: x\nno colon here\n");
        e = assertThrows(RepositoryException.class, () -> load(p, -1, null));
        assertEquals(p + ": line 2 is not a field ('no colon here'); it is not a Packages file.", e.getMessage());
        Path gz = dir.resolve("Packages.gz");
        Files.write(gz, new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 });
        e = assertThrows(RepositoryException.class, () -> load(gz, -1, null));
        assertTrue(e.getMessage().startsWith(gz + ": "), e.getMessage());
    }

    private DebianIndex load(Path file, long size, String sha256) throws IOException {
        return DebianIndex.load("test", "amd64", List.of(new PackagesFile(file,
                new org.vsestudio.packages.Repository(Synthetic.URI, "test", "test", "main", "amd64", "", "", ""),
                "main/binary-amd64/Packages", size, sha256)), Progress.NONE);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(b)) {
            out.write(data);
        }
        return b.toByteArray();
    }
}
