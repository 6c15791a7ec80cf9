package org.vsestudio.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.vsestudio.packages.internal.Compression;
import org.vsestudio.packages.internal.CorruptDataException;
import org.vsestudio.packages.internal.PackageStore;
import org.vsestudio.packages.internal.StoreFile;

/**
 * The package index of a Debian release and architecture, read from {@code Packages} files
 * (the host's apt lists, see {@link AptLists}, or files a {@link RepositoryFetcher} fetched),
 * or from its own binary cache file. Names of real and virtual packages are kept sorted, so
 * that lookups and completion are binary searches; package records are made when asked for.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class DebianIndex implements RepositoryIndex {

    private static final String CACHE_FORMAT = "debian-index 1";

    private final String release;
    private final String architecture;
    private final List<Repository> repositories;
    private final PackageStore store;
    private final DebianPackage[] records;
    private final ResolverData[] resolverData;
    private final List<String> names;

    private DebianIndex(String release, String architecture, List<Repository> repositories, PackageStore store) {
        this.release = release;
        this.architecture = architecture;
        this.repositories = List.copyOf(repositories);
        this.store = store;
        this.records = new DebianPackage[store.size()];
        this.resolverData = new ResolverData[store.size()];
        this.names = List.of(store.names());
    }

    // ------------------------------------------------------------------ loading

    /**
     * The index of the host's apt lists for {@code release} and {@code architecture}, through
     * the cache in {@code cacheDir} (none if {@code null}).
     *
     * @throws RepositoryException if the host has no lists for them, or a list is damaged
     */
    public static DebianIndex fromHost(String release, String architecture, Path cacheDir) throws IOException {
        return open(release, architecture, AptLists.host().select(release, architecture).files(), cacheDir, Progress.NONE);
    }

    /**
     * The index of {@code files}, from the cache in {@code cacheDir} if it has this exact set
     * of files (by their Release checksums, or their size and time if they have none), else
     * read from the files and then written to the cache.
     *
     * @param cacheDir the cache directory, {@code null} for none
     */
    public static DebianIndex open(String release, String architecture, List<PackagesFile> files, Path cacheDir, Progress progress)
            throws IOException {
        if (cacheDir == null) {
            return load(release, architecture, files, progress);
        }
        String key = cacheKey(release, architecture, files);
        Path cacheFile = cacheDir.resolve("index-" + sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 24) + ".bin");
        DebianIndex cached = readCache(cacheFile, key);
        if (cached != null) {
            return cached;
        }
        DebianIndex index = load(release, architecture, files, progress);
        try {
            index.writeCache(cacheFile, key);
        } catch (IOException e) {
            // a cache that cannot be written is only slower next time
        }
        return index;
    }

    /**
     * Reads {@code files} (each compressed as lz4, xz, gzip or not at all) into an index. Where
     * a file's Release checksums are known, its uncompressed content must have that size and
     * SHA256.
     *
     * @throws RepositoryException naming the file, if one is missing, damaged, truncated or does not match its checksums
     */
    public static DebianIndex load(String release, String architecture, List<PackagesFile> files, Progress progress)
            throws IOException {
        PackageStore.Builder builder = new PackageStore.Builder();
        List<Repository> repos = new ArrayList<>();
        List<CompletableFuture<String>> checks = new ArrayList<>();
        for (PackagesFile f : files) {
            progress.checkCanceled();
            progress.task("Reading " + f.path().getFileName());
            byte[] raw;
            try {
                raw = Files.readAllBytes(f.path());
            } catch (NoSuchFileException e) {
                throw new RepositoryException(f.path(), "the file does not exist.");
            }
            byte[] text;
            try {
                text = Compression.decompress(raw, f.size());
            } catch (CorruptDataException e) {
                throw new RepositoryException(f.path(), e.getMessage() + ".");
            }
            if (f.size() >= 0 && text.length != f.size()) {
                throw new RepositoryException(f.path(), "its content is " + text.length + " bytes, but the Release file lists "
                        + f.size() + " for " + f.releasePath() + "; the list is truncated or out of date (run 'apt-get update').");
            }
            if (f.sha256() != null) {
                checks.add(CompletableFuture.supplyAsync(() -> sha256Hex(text).equals(f.sha256()) ? null
                        : f.path() + ": its content does not match the SHA256 the Release file lists for " + f.releasePath()
                                + "; the list is damaged or out of date (run 'apt-get update')."));
            }
            try {
                builder.add(text, text.length, repos.size());
            } catch (CorruptDataException e) {
                throw new RepositoryException(f.path(), e.getMessage() + "; it is not a Packages file.");
            }
            repos.add(f.repository());
        }
        for (int i = 0; i < checks.size(); i++) {
            try {
                String problem = checks.get(i).get();
                if (problem != null) {
                    int colon = problem.indexOf(": ");
                    throw new RepositoryException(problem.substring(0, colon), problem.substring(colon + 2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
        progress.task("Indexing packages");
        return new DebianIndex(release, architecture, repos, builder.finish());
    }

    /** @return the identity of an index of {@code files}: what its cache file is keyed by */
    public static String cacheKey(String release, String architecture, List<PackagesFile> files) throws IOException {
        StringBuilder b = new StringBuilder(CACHE_FORMAT).append('\n').append(release).append(' ').append(architecture).append('\n');
        for (PackagesFile f : files) {
            b.append(f.path().toAbsolutePath()).append(' ').append(f.repository().id()).append(' ').append(f.repository().date());
            if (f.sha256() != null) {
                b.append(' ').append(f.sha256());
            }
            // the file itself may be replaced by 'apt-get update' between Release checks
            b.append(' ').append(Files.size(f.path())).append(' ').append(Files.getLastModifiedTime(f.path()).toMillis()).append('\n');
        }
        return b.toString();
    }

    /** Writes this index to {@code file} (atomically: a temporary file renamed over it). */
    public void writeCache(Path file, String key) throws IOException {
        List<String> meta = new ArrayList<>();
        meta.add(release);
        meta.add(architecture);
        for (Repository r : repositories) {
            meta.addAll(List.of(r.uri(), r.suite(), r.codename(), r.component(), r.architecture(), r.origin(), r.label(), r.date()));
        }
        StoreFile.write(file, key, meta, store);
    }

    /** @return the index in cache file {@code file} if it was written with {@code key}, else {@code null} */
    public static DebianIndex readCache(Path file, String key) throws IOException {
        StoreFile.Content c = StoreFile.read(file, key);
        if (c == null || c.metadata().size() < 2 || (c.metadata().size() - 2) % 8 != 0) {
            return null;
        }
        List<String> m = c.metadata();
        List<Repository> repos = new ArrayList<>();
        for (int i = 2; i < m.size(); i += 8) {
            repos.add(new Repository(m.get(i), m.get(i + 1), m.get(i + 2), m.get(i + 3), m.get(i + 4), m.get(i + 5), m.get(i + 6), m.get(i + 7)));
        }
        return new DebianIndex(m.get(0), m.get(1), repos, c.store());
    }

    // ------------------------------------------------------------------ RepositoryIndex

    @Override
    public String distribution() {
        return "debian";
    }

    @Override
    public String release() {
        return release;
    }

    @Override
    public String architecture() {
        return architecture;
    }

    /** @return the repositories the index was read from, in order */
    public List<Repository> repositories() {
        return repositories;
    }

    /** @return the number of package records */
    public int size() {
        return store.size();
    }

    /** @return every name, real and virtual, sorted */
    public List<String> names() {
        return names;
    }

    @Override
    public List<DebianVersion> versions(String packageName) {
        int id = store.nameId(packageName);
        if (id < 0) {
            return List.of();
        }
        List<DebianVersion> versions = new ArrayList<>();
        for (int p : store.packagesOf(id)) {
            DebianVersion v = record(p).version();
            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(v)) {
                versions.add(v);
            }
        }
        return List.copyOf(versions);
    }

    @Override
    public boolean contains(String packageName) {
        return store.nameId(packageName) >= 0;
    }

    /** @return whether no package has this name but some provide it */
    public boolean isVirtual(String packageName) {
        int id = store.nameId(packageName);
        return id >= 0 && store.packageCount(id) == 0;
    }

    /** @return the records of {@code packageName}, newest version first (a version in several repositories once per repository) */
    public List<DebianPackage> packages(String packageName) {
        int id = store.nameId(packageName);
        if (id < 0) {
            return List.of();
        }
        List<DebianPackage> list = new ArrayList<>();
        for (int p : store.packagesOf(id)) {
            list.add(record(p));
        }
        return List.copyOf(list);
    }

    /** @return the newest record of {@code packageName} (the one apt would pick), or {@code null} */
    public DebianPackage candidate(String packageName) {
        int id = store.nameId(packageName);
        return id < 0 || store.packageCount(id) == 0 ? null : record(store.packagesOf(id)[0]);
    }

    /** A package providing a (virtual) name, and the version it provides, {@code null} if unversioned. */
    public record Provider(DebianPackage provider, DebianVersion providedVersion) {
    }

    /** @return the records that provide {@code name} */
    public List<Provider> providers(String name) {
        int id = store.nameId(name);
        if (id < 0) {
            return List.of();
        }
        int[] providers = store.providersOf(id);
        List<Provider> list = new ArrayList<>(providers.length);
        for (int i = 0; i < providers.length; i++) {
            String v = store.providedVersion(id, i);
            list.add(new Provider(record(providers[i]), v == null || DebianVersion.problem(v) != null ? null : DebianVersion.parse(v)));
        }
        return List.copyOf(list);
    }

    @Override
    public List<PackageSummary> complete(String prefix, int max) {
        String[] all = store.names();
        int i = Arrays.binarySearch(all, prefix);
        if (i < 0) {
            i = -i - 1;
        }
        List<PackageSummary> result = new ArrayList<>();
        for (; i < all.length && result.size() < max && all[i].startsWith(prefix); i++) {
            result.add(summary(i));
        }
        return result;
    }

    @Override
    public PackageSummary summary(String packageName) {
        int id = store.nameId(packageName);
        return id < 0 ? null : summary(id);
    }

    private PackageSummary summary(int nameId) {
        String name = store.names()[nameId];
        if (store.packageCount(nameId) == 0) {
            List<String> by = new ArrayList<>();
            for (int p : store.providersOf(nameId)) {
                String n = store.names()[store.nameOf(p)];
                if (!by.contains(n)) {
                    by.add(n);
                }
            }
            String list = by.size() <= 5 ? String.join(", ", by) : String.join(", ", by.subList(0, 5)) + " and " + (by.size() - 5) + " more";
            return new PackageSummary(name, "virtual package provided by " + list, List.of(), true);
        }
        int newest = store.packagesOf(nameId)[0];
        return new PackageSummary(name, store.field(newest, PackageStore.DESCRIPTION), versions(name), false);
    }

    @Override
    public List<String> nearestNames(String name, int max) {
        return NearestNames.find(store.names(), name, max);
    }

    @Override
    public Resolver resolver() {
        return new DebianResolver(this);
    }

    private final java.util.Map<BaseSystem, List<String>> baseNames = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return the names of the packages of {@code base}, judged by the newest version of each name, sorted */
    public List<String> baseNames(BaseSystem base) {
        return baseNames.computeIfAbsent(base, b -> {
            List<String> list = new ArrayList<>();
            if (b == BaseSystem.NONE) {
                return List.of();
            }
            String[] all = store.names();
            for (int id = 0; id < all.length; id++) {
                if (store.packageCount(id) == 0) {
                    continue;
                }
                int newest = store.packagesOf(id)[0];
                boolean essential = store.field(newest, PackageStore.ESSENTIAL).equals("yes");
                Priority priority = Priority.of(store.field(newest, PackageStore.PRIORITY));
                boolean in = essential || switch (b) {
                    case REQUIRED -> priority == Priority.REQUIRED;
                    case IMPORTANT -> priority == Priority.REQUIRED || priority == Priority.IMPORTANT;
                    default -> false;
                };
                if (in) {
                    list.add(all[id]);
                }
            }
            return List.copyOf(list);
        });
    }

    // ------------------------------------------------------------------ records

    PackageStore store() {
        return store;
    }

    /** @return the record of package number {@code p} */
    DebianPackage record(int p) {
        DebianPackage r = records[p];
        if (r == null) {
            r = makeRecord(p);
            records[p] = r;
        }
        return r;
    }

    ResolverData resolverData(int p) {
        ResolverData d = resolverData[p];
        if (d == null) {
            d = new ResolverData(this, p);
            resolverData[p] = d;
        }
        return d;
    }

    private DebianPackage makeRecord(int p) {
        String source = store.field(p, PackageStore.SOURCE);
        int space = source.indexOf(' ');
        if (space >= 0) {
            source = source.substring(0, space);
        }
        String name = store.field(p, PackageStore.NAME);
        String size = store.field(p, PackageStore.SIZE);
        long bytes;
        try {
            bytes = size.isEmpty() ? -1 : Long.parseLong(size);
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        return new DebianPackage(name, DebianVersion.parse(store.field(p, PackageStore.VERSION)), store.field(p, PackageStore.ARCH),
                repositories.get(store.repositoryOf(p)), clauses(p, PackageStore.DEPENDS), clauses(p, PackageStore.PRE_DEPENDS),
                clauses(p, PackageStore.RECOMMENDS), list(p, PackageStore.CONFLICTS), list(p, PackageStore.BREAKS),
                list(p, PackageStore.PROVIDES), store.field(p, PackageStore.ESSENTIAL).equals("yes"),
                Priority.of(store.field(p, PackageStore.PRIORITY)), MultiArch.of(store.field(p, PackageStore.MULTI_ARCH)),
                store.field(p, PackageStore.SECTION), source.isEmpty() ? name : source, store.field(p, PackageStore.FILENAME),
                bytes, store.field(p, PackageStore.SHA256).toLowerCase(), store.field(p, PackageStore.DESCRIPTION));
    }

    private List<List<Dependency>> clauses(int p, int field) {
        if (!store.has(p, field)) {
            return List.of();
        }
        try {
            return Dependency.parseClauses(store.field(p, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(store.field(p, PackageStore.NAME) + " " + store.field(p, PackageStore.VERSION) + ": its "
                    + PackageStore.fieldName(field) + " field cannot be read: " + e.getMessage(), e);
        }
    }

    private List<Dependency> list(int p, int field) {
        List<Dependency> all = new ArrayList<>();
        for (List<Dependency> c : clauses(p, field)) {
            all.addAll(c);
        }
        return List.copyOf(all);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "debian " + release + " " + architecture + " (" + store.size() + " packages from " + repositories.size() + " lists)";
    }
}
