package org.vsestudio.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.vsestudio.packages.internal.Compression;

/**
 * The host's apt lists: the {@code Release}/{@code InRelease} and {@code Packages} files apt
 * keeps (by default in {@code /var/lib/apt/lists}), in whatever compression apt left them.
 * File names are apt's quoted URIs ({@code HOST_PATH_dists_SUITE_COMPONENT_binary-ARCH_Packages.lz4});
 * the scheme, which apt leaves out of the name, is taken from the sources apt is configured
 * with ({@code /etc/apt/sources.list}, {@code sources.list.d/*.list|*.sources}).
 */
public final class AptLists {

    /** Where apt keeps its lists unless configured otherwise. */
    public static final Path DEFAULT_LISTS = Path.of("/var/lib/apt/lists");
    /** Where apt's configuration is. */
    public static final Path DEFAULT_ETC = Path.of("/etc/apt");

    /** One suite of one repository: its Release file and the Packages files apt has for it. */
    public record Suite(Path releaseFile, ReleaseFile release, String uri, String suite, List<PackagesFile> packages) {
    }

    /** The lists that serve one release and architecture, and what was left out and why. */
    public record Selection(List<PackagesFile> files, List<String> skipped) {
    }

    private final Path directory;
    private final List<Suite> suites;

    private AptLists(Path directory, List<Suite> suites) {
        this.directory = directory;
        this.suites = suites;
    }

    /** @return the lists of this host, as apt keeps them by default */
    public static AptLists host() throws IOException {
        return scan(DEFAULT_LISTS, DEFAULT_ETC);
    }

    /**
     * Reads every Release/InRelease file in {@code lists} and finds its Packages files.
     *
     * @param etcApt apt's configuration directory, for the schemes of the sources (may not exist)
     * @throws RepositoryException if {@code lists} is not a directory or a Release file is damaged
     */
    public static AptLists scan(Path lists, Path etcApt) throws IOException {
        if (!Files.isDirectory(lists)) {
            throw new RepositoryException(lists, "there is no apt lists directory here; run 'apt-get update' on this host, or name a repository.");
        }
        Map<String, String> schemes = sourceSchemes(etcApt);
        TreeMap<String, Path> releaseFiles = new TreeMap<>();
        List<String> all = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(lists)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                all.add(n);
                if (n.endsWith("_InRelease")) {
                    releaseFiles.put(n.substring(0, n.length() - "InRelease".length()), p);
                } else if (n.endsWith("_Release")) {
                    releaseFiles.putIfAbsent(n.substring(0, n.length() - "Release".length()), p);
                }
            }
        }
        all.sort(Comparator.naturalOrder());
        List<Suite> suites = new ArrayList<>();
        for (Map.Entry<String, Path> e : releaseFiles.entrySet()) {
            String prefix = e.getKey(); // "...._dists_bookworm_"
            int dists = prefix.lastIndexOf("_dists_");
            if (dists < 0) {
                continue; // a flat repository: not supported
            }
            ReleaseFile release = ReleaseFile.parse(Files.readAllBytes(e.getValue()), e.getValue().toString());
            String site = unquote(prefix.substring(0, dists).replace('_', '/'));
            String suite = unquote(prefix.substring(dists + "_dists_".length(), prefix.length() - 1).replace('_', '/'));
            String uri = schemes.getOrDefault(site, "http") + "://" + site;
            // Packages files of this suite: the same prefix, then COMPONENT_binary-ARCH_Packages[.ext]
            Map<String, Path> byPath = new LinkedHashMap<>();
            for (String n : all) {
                if (!n.startsWith(prefix)) {
                    continue;
                }
                String rest = n.substring(prefix.length());
                Compression c = Compression.ofFileName(rest);
                String plain = rest.substring(0, rest.length() - c.suffix().length());
                if (!plain.endsWith("_Packages") || !plain.contains("_binary-")) {
                    continue;
                }
                String releasePath = unquote(plain.replace('_', '/'));
                Path have = byPath.get(releasePath);
                if (have == null || rank(n) < rank(have.getFileName().toString())) {
                    byPath.put(releasePath, lists.resolve(n));
                }
            }
            List<PackagesFile> packages = new ArrayList<>();
            for (Map.Entry<String, Path> pe : byPath.entrySet()) {
                String releasePath = pe.getKey();
                int bin = releasePath.lastIndexOf("/binary-");
                String component = releasePath.substring(0, bin);
                String arch = releasePath.substring(bin + "/binary-".length(), releasePath.length() - "/Packages".length());
                ReleaseFile.Entry entry = release.entry(releasePath);
                Repository repo = new Repository(uri, suite, release.codename(), component, arch, release.origin(),
                        release.label(), release.date());
                packages.add(new PackagesFile(pe.getValue(), repo, releasePath, entry == null ? -1 : entry.size(),
                        entry == null ? null : entry.sha256()));
            }
            suites.add(new Suite(e.getValue(), release, uri, suite, List.copyOf(packages)));
        }
        return new AptLists(lists, List.copyOf(suites));
    }

    /** @return the directory scanned */
    public Path directory() {
        return directory;
    }

    /** @return every suite found, in the order of their file names */
    public List<Suite> suites() {
        return suites;
    }

    /**
     * Selects the Packages files of the suites that serve {@code release} (its codename, or
     * its updates and security suites, {@code release-updates}, {@code release-security})
     * for {@code architecture}, main suite first.
     *
     * @throws RepositoryException if no list serves that release and architecture, saying what the lists do serve: a
     *         {@link RepositoryMismatchException} if there are lists, but for other releases or architectures
     */
    public Selection select(String release, String architecture) throws RepositoryException {
        List<PackagesFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> served = new LinkedHashSet<>();
        Set<String> archs = new LinkedHashSet<>();
        List<Suite> ordered = new ArrayList<>(suites);
        ordered.sort(Comparator.comparing((Suite s) -> !s.release().codename().equals(release)).thenComparing(Suite::suite)
                .thenComparing(Suite::uri));
        for (Suite s : ordered) {
            String codename = s.release().codename();
            boolean serves = codename.equals(release) || codename.startsWith(release + "-")
                    || s.suite().equals(release) || s.suite().startsWith(release + "-") || s.suite().startsWith(release + "/");
            if (!serves) {
                served.add(codename);
                skipped.add(s.uri() + " " + s.suite() + ": serves " + codename + ", not " + release);
                continue;
            }
            boolean any = false;
            for (PackagesFile f : s.packages()) {
                if (f.repository().architecture().equals(architecture)) {
                    files.add(f);
                    any = true;
                } else {
                    archs.add(f.repository().architecture());
                }
            }
            if (!any) {
                skipped.add(s.uri() + " " + s.suite() + ": has no Packages list for " + architecture);
            }
        }
        if (files.isEmpty()) {
            String what = !archs.isEmpty() ? release + " only for " + String.join(", ", archs)
                    : served.isEmpty() ? "nothing" : String.join(", ", served);
            String problem = "the host's apt lists serve " + what + ", not " + release + " for " + architecture
                    + "; configure apt for it and run 'apt-get update', or name a repository.";
            // lists that serve something else are a mismatch; no lists at all may only need 'apt-get update'
            throw suites.isEmpty() ? new RepositoryException(directory, problem) : new RepositoryMismatchException(directory, problem);
        }
        return new Selection(List.copyOf(files), List.copyOf(skipped));
    }

    /** prefer the cheapest file to read: lz4, plain, gz, xz */
    private static int rank(String fileName) {
        return switch (Compression.ofFileName(fileName)) {
            case LZ4 -> 0;
            case NONE -> 1;
            case GZIP -> 2;
            case XZ -> 3;
        };
    }

    /** Undoes apt's %xx quoting of file names. */
    static String unquote(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not a quote: keep it
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** @return for each configured source, its address without scheme (as apt names lists) → scheme */
    private static Map<String, String> sourceSchemes(Path etcApt) {
        Map<String, String> schemes = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        files.add(etcApt.resolve("sources.list"));
        try (DirectoryStream<Path> d = Files.newDirectoryStream(etcApt.resolve("sources.list.d"))) {
            d.forEach(files::add);
        } catch (IOException e) {
            // no such directory: only sources.list
        }
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                continue; // unreadable: its lists get the default scheme
            }
            for (String line : lines) {
                String l = line.strip();
                List<String> uris = new ArrayList<>();
                if (l.startsWith("URIs:")) {
                    uris.addAll(List.of(l.substring(5).trim().split("\\s+")));
                } else if (l.startsWith("deb ") || l.startsWith("deb\t")) {
                    String rest = l.substring(4).strip();
                    if (rest.startsWith("[")) {
                        int close = rest.indexOf(']');
                        rest = close < 0 ? "" : rest.substring(close + 1).strip();
                    }
                    if (!rest.isEmpty()) {
                        uris.add(rest.split("\\s+")[0]);
                    }
                }
                for (String u : uris) {
                    int sep = u.indexOf("://");
                    if (sep > 0) {
                        String site = u.substring(sep + 3);
                        int at = site.indexOf('@');
                        if (at >= 0 && at < Math.max(0, site.indexOf('/'))) {
                            site = site.substring(at + 1);
                        }
                        while (site.endsWith("/")) {
                            site = site.substring(0, site.length() - 1);
                        }
                        schemes.putIfAbsent(site, u.substring(0, sep));
                    }
                }
            }
        }
        return schemes;
    }
}
