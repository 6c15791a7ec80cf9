package org.vsestudio.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches a repository's metadata itself, for {@code repository "URL" suite S components ...}:
 * the suite's {@code InRelease} (or {@code Release}) and, per component, the {@code Packages}
 * file in the best compression it lists ({@code .xz}, else {@code .gz}, else none), into a
 * cache directory. Every file must have the size and SHA256 the Release file lists; one that
 * does not is an error and nothing of it is cached. Files are written to a temporary file
 * and renamed, so the cache never holds a half-written file; a cached file whose checksum
 * still matches is not fetched again. When the repository cannot be reached, the cached
 * suite is used if there is one.
 *
 * <p>The OpenPGP signature of the Release file is not verified.
 */
public final class RepositoryFetcher {

    private final Path cacheDir;
    private final HttpClient http;

    /** @param cacheDir where fetched files are kept, one folder per repository and suite */
    public RepositoryFetcher(Path cacheDir) {
        this.cacheDir = cacheDir;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Fetches (or finds cached) the Packages files of {@code components} of {@code suite} for
     * {@code architecture}.
     *
     * @param base the repository's address, e.g. {@code http://host/debian}
     * @throws RepositoryException naming the address or file, if the suite, a component or a
     *         checksum is wrong, or the repository cannot be reached and nothing is cached; a
     *         {@link RepositoryMismatchException} if the repository has no such suite, component or architecture
     */
    public List<PackagesFile> fetch(URI base, String suite, List<String> components, String architecture, Progress progress)
            throws IOException {
        String root = base.toString().replaceAll("/+$", "");
        Path dir = cacheDir.resolve(safe(root.replaceFirst("^[a-z]+://", ""))).resolve(safe(suite));
        Files.createDirectories(dir);
        String distsUrl = root + "/dists/" + suite + "/";
        progress.task("Fetching " + distsUrl + "InRelease");
        byte[] releaseBytes;
        String releaseSource;
        Path cachedRelease = dir.resolve("InRelease");
        boolean offline = false;
        try {
            releaseSource = distsUrl + "InRelease";
            releaseBytes = get(releaseSource, progress);
            if (releaseBytes == null) {
                releaseSource = distsUrl + "Release";
                releaseBytes = get(releaseSource, progress);
            }
            if (releaseBytes == null) {
                throw new RepositoryMismatchException(distsUrl, "the repository has no suite '" + suite + "' (neither InRelease nor Release exists).");
            }
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException | java.nio.channels.UnresolvedAddressException e) {
            if (!Files.isRegularFile(cachedRelease)) {
                throw new RepositoryException(root, "the repository cannot be reached (" + e.getClass().getSimpleName()
                        + ") and nothing of it is cached.", e);
            }
            releaseSource = cachedRelease.toString();
            releaseBytes = Files.readAllBytes(cachedRelease);
            offline = true;
        }
        ReleaseFile release = ReleaseFile.parse(releaseBytes, releaseSource);
        if (!release.architectures().isEmpty() && !release.architectures().contains(architecture)) {
            throw new RepositoryMismatchException(releaseSource, "the suite has no architecture " + architecture + " (it has "
                    + String.join(", ", release.architectures()) + ").");
        }
        List<PackagesFile> files = new ArrayList<>();
        for (String component : components) {
            progress.checkCanceled();
            String plain = component + "/binary-" + architecture + "/Packages";
            ReleaseFile.Entry entry = null;
            for (String ext : List.of(".xz", ".gz", "")) {
                entry = release.entry(plain + ext);
                if (entry != null) {
                    break;
                }
            }
            if (entry == null) {
                throw new RepositoryMismatchException(releaseSource, "the suite lists no Packages file for component '" + component
                        + "' and " + architecture + " (its components: " + String.join(", ", release.components()) + ").");
            }
            Path target = dir.resolve(entry.path().replace('/', '_'));
            if (!(Files.isRegularFile(target) && Files.size(target) == entry.size() && sha256(target).equals(entry.sha256()))) {
                if (offline) {
                    throw new RepositoryException(root, "the repository cannot be reached and " + entry.path() + " is not cached.");
                }
                download(distsUrl + entry.path(), target, entry, progress);
            }
            ReleaseFile.Entry content = release.entry(plain);
            Repository repo = new Repository(root, suite, release.codename(), component, architecture, release.origin(),
                    release.label(), release.date());
            files.add(new PackagesFile(target, repo, plain, content == null ? -1 : content.size(), content == null ? null : content.sha256()));
        }
        if (!offline) {
            AtomicFiles.write(cachedRelease, releaseBytes);
        }
        return List.copyOf(files);
    }

    /**
     * Fetches the suite and loads its index, through the binary index cache in the same directory.
     *
     * @see #fetch
     */
    public DebianIndex index(URI base, String suite, List<String> components, String architecture, Progress progress)
            throws IOException {
        List<PackagesFile> files = fetch(base, suite, components, architecture, progress);
        String release = files.isEmpty() ? suite : files.get(0).repository().codename();
        return DebianIndex.open(release, architecture, files, cacheDir, progress);
    }

    /** @return the body, or {@code null} for 404/410 */
    private byte[] get(String url, Progress progress) throws IOException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray(), progress);
        if (r.statusCode() == 404 || r.statusCode() == 410) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new RepositoryException(url, "the server answered HTTP " + r.statusCode() + ".");
        }
        return r.body();
    }

    private void download(String url, Path target, ReleaseFile.Entry entry, Progress progress) throws IOException {
        progress.task("Fetching " + url);
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream(), progress);
        Path tmp = AtomicFiles.temporaryBeside(target);
        try {
            MessageDigest md = digest();
            long n = 0;
            try (InputStream in = r.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                if (r.statusCode() != 200) {
                    throw new RepositoryException(url, "the server answered HTTP " + r.statusCode() + ".");
                }
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) >= 0;) {
                    progress.checkCanceled();
                    out.write(buf, 0, k);
                    n += k;
                }
            }
            String sum = HexFormat.of().formatHex(md.digest());
            if (n != entry.size() || !sum.equals(entry.sha256())) {
                throw new RepositoryException(url, "it does not match the Release file (" + n + " bytes with SHA256 " + sum
                        + ", expected " + entry.size() + " bytes with SHA256 " + entry.sha256() + "); nothing was cached.");
            }
            AtomicFiles.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Progress progress) throws IOException {
        progress.checkCanceled();
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while fetching " + request.uri());
        }
    }


    private static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) >= 0;) {
                md.update(buf, 0, k);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code s} as one file name: anything but letters, digits, '.', '-' and '_' becomes '_' */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
