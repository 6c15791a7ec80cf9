package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.RepositoryException;
import org.vsestudio.packages.RepositoryFetcher;
import org.vsestudio.packages.RepositoryMismatchException;

import com.sun.net.httpserver.HttpServer;

/** Fetching a repository over HTTP from a made-up repository served on the loopback address. */
class RepositoryFetcherTest {

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private URI base;

    private static final byte[] PACKAGES = (Synthetic.pkg("hello", "2.10-3", "Depends: libc6") + Synthetic.pkg("libc6", "2.36-9"))
            .getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/debian");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Publishes suite {@code test} whose Release lists {@code listed} for Packages.xz and serves {@code served}. */
    private void publish(byte[] listed, byte[] served, String ext) {
        StringBuilder release = new StringBuilder("Origin: Test\nLabel: Test\nSuite: test\nCodename: testing\n"
                + "Date: Sat, 01 Jan 2000 00:00:00 UTC\nArchitectures: amd64\nComponents: main\nSHA256:\n");
        release.append(' ').append(DebianIndexTest.sha256(PACKAGES)).append(' ').append(PACKAGES.length).append(" main/binary-amd64/Packages\n");
        release.append(' ').append(DebianIndexTest.sha256(listed)).append(' ').append(listed.length).append(" main/binary-amd64/Packages")
                .append(ext).append('\n');
        files.put("/debian/dists/test/Release", release.toString().getBytes(StandardCharsets.UTF_8));
        files.put("/debian/dists/test/main/binary-amd64/Packages" + ext, served);
    }

    private static byte[] xz(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(b, new LZMA2Options())) {
            out.write(data);
        }
        return b.toByteArray();
    }

    @Test
    void fetchesChecksCachesAndWorksOfflineAfterwards() throws IOException {
        byte[] xz = xz(PACKAGES);
        publish(xz, xz, ".xz");
        RepositoryFetcher fetcher = new RepositoryFetcher(cache);
        DebianIndex index = fetcher.index(base, "test", List.of("main"), "amd64", Progress.NONE);
        assertEquals(2, index.size());
        assertEquals("testing", index.release());
        assertEquals(base + " test main", index.candidate("hello").repository().id());
        assertEquals(List.of("/debian/dists/test/InRelease", "/debian/dists/test/Release", "/debian/dists/test/main/binary-amd64/Packages.xz"),
                requests);
        requests.clear();
        List<PackagesFile> again = fetcher.fetch(base, "test", List.of("main"), "amd64", Progress.NONE);
        assertEquals(List.of("/debian/dists/test/InRelease", "/debian/dists/test/Release"), requests, "a file whose checksum matches is kept");
        assertEquals(PACKAGES.length, again.get(0).size());
        server.stop(0);
        server = null;
        assertEquals(2, fetcher.index(base, "test", List.of("main"), "amd64", Progress.NONE).size(), "the cached suite, offline");
        try (Stream<Path> s = Files.walk(cache)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".part") || p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void aCorruptedPackagesXzIsAnErrorAndNothingIsCached() throws IOException {
        byte[] xz = xz(PACKAGES);
        byte[] corrupted = xz.clone();
        corrupted[corrupted.length / 2] ^= 0x01;
        publish(xz, corrupted, ".xz");
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> new RepositoryFetcher(cache).fetch(base, "test", List.of("main"), "amd64", Progress.NONE));
        assertEquals(base + "/dists/test/main/binary-amd64/Packages.xz", e.source());
        assertTrue(e.getMessage().contains("does not match the Release file") && e.getMessage().endsWith("nothing was cached."),
                e.getMessage());
        try (Stream<Path> s = Files.walk(cache)) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void aTruncatedPackagesGzIsAnError() throws IOException {
        byte[] gz = DebianIndexTest.gzip(PACKAGES);
        publish(gz, java.util.Arrays.copyOf(gz, gz.length - 7), ".gz");
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> new RepositoryFetcher(cache).fetch(base, "test", List.of("main"), "amd64", Progress.NONE));
        assertTrue(e.getMessage().startsWith(base + "/dists/test/main/binary-amd64/Packages.gz: it does not match the Release file ("
                + (gz.length - 7) + " bytes"), e.getMessage());
    }

    @Test
    void aMissingSuiteOrComponentIsNamed() throws IOException {
        byte[] xz = xz(PACKAGES);
        publish(xz, xz, ".xz");
        RepositoryFetcher fetcher = new RepositoryFetcher(cache);
        RepositoryException e = assertThrows(RepositoryMismatchException.class, () -> fetcher.fetch(base, "nosuch", List.of("main"), "amd64", Progress.NONE));
        assertEquals(base + "/dists/nosuch/: the repository has no suite 'nosuch' (neither InRelease nor Release exists).", e.getMessage());
        e = assertThrows(RepositoryMismatchException.class, () -> fetcher.fetch(base, "test", List.of("contrib"), "amd64", Progress.NONE));
        assertTrue(e.getMessage().contains("lists no Packages file for component 'contrib'"), e.getMessage());
        e = assertThrows(RepositoryMismatchException.class, () -> fetcher.fetch(base, "test", List.of("main"), "arm64", Progress.NONE));
        assertTrue(e.getMessage().endsWith("the suite has no architecture arm64 (it has amd64)."), e.getMessage());
        assertFalse(Files.exists(cache.resolve("nosuch")));
    }
}
