package org.vsestudio.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lock of an environment ({@code NAME.vse.lock}): what was asked for and the exact
 * closure it resolved to, so that the same lock always builds the same image. The text is
 * deterministic: the same request over the same index gives the same bytes.
 *
 * <h2>Format (version 1)</h2>
 *
 * UTF-8 text, one record per line, fields separated by one space, {@code #} lines are
 * comments. In this order:
 *
 * <pre>
 * # comment lines (ignored)
 * vse-lock 1
 * distribution debian bookworm amd64             family, release, architecture
 * base required                                   none | essential | required | important
 * recommends yes                                  yes | no
 * snapshot 2025-05-20T08:12:44Z                  optional: the newest Date of the repositories' Release files
 * require openmpi-bin &gt;= 4.1                    one per requirement, sorted, as the language writes it
 * forbid exim4-daemon-light                       one per forbidden package, sorted
 * repository r1 URI SUITE COMPONENT               the repositories the packages come from, numbered in sorted order
 * package NAME VERSION ARCH r1 SHA256 SIZE FILENAME
 * </pre>
 *
 * Packages are sorted by name and architecture. {@code FILENAME} is the {@code .deb}'s path
 * below the repository's address and {@code SHA256} its checksum from the index. The
 * {@code snapshot} is when the repositories were published as the lock saw them; image
 * builds take their {@code SOURCE_DATE_EPOCH} from it, so that the same lock always gives
 * the same file times.
 */
public final class LockFile {

    /** One package of the closure, exactly. */
    public record LockedPackage(String name, DebianVersion version, String architecture, Repository repository, String sha256,
            long size, String filename) {
    }

    /** How a lock stands against the index and the request of today. */
    public enum Status {
        /** the same request resolves to exactly the locked packages */
        CURRENT,
        /** every locked package is still available, but the request or its resolution changed */
        STALE,
        /** some locked package is no longer in the index: the lock cannot be built from it */
        UNAVAILABLE
    }

    /** The outcome of {@link LockFile#check}: the status and, unless current, why. */
    public record Check(Status status, List<String> reasons) {
        public boolean current() {
            return status == Status.CURRENT;
        }
    }

    private static final String HEADER = "# VSE lock file: the exact package closure of an environment. Written by VSE Studio; do not edit.\n";

    private final String distribution;
    private final String release;
    private final String architecture;
    private final BaseSystem base;
    private final boolean recommends;
    private final List<String> requirements;
    private final List<String> forbidden;
    private final List<LockedPackage> packages;
    private final Optional<Instant> snapshot;

    public LockFile(String distribution, String release, String architecture, BaseSystem base, boolean recommends,
            List<String> requirements, List<String> forbidden, List<LockedPackage> packages) {
        this(distribution, release, architecture, base, recommends, requirements, forbidden, packages, Optional.empty());
    }

    public LockFile(String distribution, String release, String architecture, BaseSystem base, boolean recommends,
            List<String> requirements, List<String> forbidden, List<LockedPackage> packages, Optional<Instant> snapshot) {
        this.snapshot = snapshot.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
        this.distribution = distribution;
        this.release = release;
        this.architecture = architecture;
        this.base = base;
        this.recommends = recommends;
        this.requirements = List.copyOf(new TreeSet<>(requirements));
        this.forbidden = List.copyOf(new TreeSet<>(forbidden));
        List<LockedPackage> sorted = new ArrayList<>(packages);
        sorted.sort((a, b) -> a.name().equals(b.name()) ? a.architecture().compareTo(b.architecture()) : a.name().compareTo(b.name()));
        this.packages = List.copyOf(sorted);
    }

    /**
     * The lock of a resolution.
     *
     * @throws IllegalArgumentException if the resolution has problems: there is nothing exact to lock
     */
    public static LockFile of(RepositoryIndex index, Resolution resolution) {
        if (!resolution.ok()) {
            throw new IllegalArgumentException("A resolution with problems cannot be locked: " + resolution.problems().get(0).message());
        }
        ResolveRequest r = resolution.request();
        List<LockedPackage> locked = new ArrayList<>();
        for (DebianPackage p : resolution.closure()) {
            locked.add(new LockedPackage(p.name(), p.version(), p.architecture(), p.repository(), p.sha256(), p.size(), p.filename()));
        }
        Optional<Instant> snapshot = resolution.closure().stream().map(p -> releaseDate(p.repository().date())).flatMap(Optional::stream)
                .max(Instant::compareTo);
        return new LockFile(index.distribution(), index.release(), index.architecture(), r.base(), r.recommends(),
                r.requirements().stream().map(PackageRequirement::toString).toList(),
                r.forbidden().stream().map(PackageRequirement::toString).toList(), locked, snapshot);
    }

    /** @return the instant of a Release file's {@code Date} ({@code Sat, 17 May 2025 09:10:57 UTC}), if it is one */
    static Optional<Instant> releaseDate(String date) {
        if (date == null || date.isBlank()) {
            return Optional.empty();
        }
        String d = date.strip().replaceFirst(" (UTC|Z)$", " GMT");
        try {
            return Optional.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return when the locked repositories were published, if their Release files said */
    public Optional<Instant> snapshot() {
        return snapshot;
    }

    /**
     * @return the {@code SOURCE_DATE_EPOCH} of builds of this lock: the {@link #snapshot()}
     *         in seconds, or 0 if the lock has none
     */
    public long sourceDateEpoch() {
        return snapshot.map(Instant::getEpochSecond).orElse(0L);
    }

    public String distribution() {
        return distribution;
    }

    public String release() {
        return release;
    }

    public String architecture() {
        return architecture;
    }

    public BaseSystem base() {
        return base;
    }

    public boolean recommends() {
        return recommends;
    }

    /** @return the requirements as written, sorted */
    public List<String> requirements() {
        return requirements;
    }

    public List<String> forbidden() {
        return forbidden;
    }

    /** @return the packages, sorted by name */
    public List<LockedPackage> packages() {
        return packages;
    }

    /** @return the lock's text (see the class comment) */
    public String text() {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("vse-lock 1\n");
        b.append("distribution ").append(distribution).append(' ').append(release).append(' ').append(architecture).append('\n');
        b.append("base ").append(base.name().toLowerCase()).append('\n');
        b.append("recommends ").append(recommends ? "yes" : "no").append('\n');
        snapshot.ifPresent(t -> b.append("snapshot ").append(t).append('\n'));
        requirements.forEach(r -> b.append("require ").append(r).append('\n'));
        forbidden.forEach(r -> b.append("forbid ").append(r).append('\n'));
        Map<String, String> ids = repositoryIds();
        TreeMap<String, Repository> repos = new TreeMap<>();
        packages.forEach(p -> repos.put(p.repository().id(), p.repository()));
        repos.forEach((id, repo) -> b.append("repository ").append(ids.get(id)).append(' ').append(repo.uri()).append(' ')
                .append(repo.suite()).append(' ').append(repo.component()).append('\n'));
        for (LockedPackage p : packages) {
            b.append("package ").append(p.name()).append(' ').append(p.version()).append(' ').append(p.architecture()).append(' ')
                    .append(ids.get(p.repository().id())).append(' ').append(p.sha256().isEmpty() ? "-" : p.sha256()).append(' ')
                    .append(p.size()).append(' ').append(p.filename().isEmpty() ? "-" : p.filename()).append('\n');
        }
        return b.toString();
    }

    private Map<String, String> repositoryIds() {
        TreeSet<String> ids = new TreeSet<>();
        packages.forEach(p -> ids.add(p.repository().id()));
        Map<String, String> m = new LinkedHashMap<>();
        int n = 1;
        for (String id : ids) {
            m.put(id, "r" + n++);
        }
        return m;
    }

    /** Writes the lock to {@code file} through a temporary file renamed over it. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, text());
    }

    /** Reads a lock file. @throws RepositoryException naming the file and line, if it is not a lock file */
    public static LockFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the text of a lock file.
     *
     * @param source the file, named in the error
     * @throws RepositoryException if the text is not a version 1 lock file, naming the line
     */
    public static LockFile parse(String text, String source) throws RepositoryException {
        String[] lines = text.split("\n", -1);
        String distribution = null;
        String release = null;
        String architecture = null;
        BaseSystem base = BaseSystem.NONE;
        boolean recommends = true;
        boolean versioned = false;
        Optional<Instant> snapshot = Optional.empty();
        List<String> requirements = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        Map<String, Repository> repos = new LinkedHashMap<>();
        List<LockedPackage> packages = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1);
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp);
            String rest = sp < 0 ? "" : line.substring(sp + 1);
            String[] f = rest.split(" ");
            try {
                switch (key) {
                    case "vse-lock" -> {
                        if (!rest.equals("1")) {
                            throw new RepositoryException(source, where + ": lock file version " + rest + " is not supported (only 1).");
                        }
                        versioned = true;
                    }
                    case "distribution" -> {
                        need(f, 3, source, where, "distribution FAMILY RELEASE ARCH");
                        distribution = f[0];
                        release = f[1];
                        architecture = f[2];
                    }
                    case "base" -> base = BaseSystem.valueOf(rest.toUpperCase());
                    case "recommends" -> recommends = rest.equals("yes");
                    case "snapshot" -> {
                        try {
                            snapshot = Optional.of(Instant.parse(rest));
                        } catch (DateTimeParseException e) {
                            throw new RepositoryException(source, where + ": '" + rest + "' is not a time like 2025-05-20T08:12:44Z.");
                        }
                    }
                    case "require" -> requirements.add(rest);
                    case "forbid" -> forbidden.add(rest);
                    case "repository" -> {
                        need(f, 4, source, where, "repository ID URI SUITE COMPONENT");
                        repos.put(f[0], new Repository(f[1], f[2], f[2], f[3], architecture == null ? "" : architecture, "", "", ""));
                    }
                    case "package" -> {
                        need(f, 7, source, where, "package NAME VERSION ARCH REPOSITORY SHA256 SIZE FILENAME");
                        Repository repo = repos.get(f[3]);
                        if (repo == null) {
                            throw new RepositoryException(source, where + ": repository '" + f[3] + "' is not declared above.");
                        }
                        packages.add(new LockedPackage(f[0], DebianVersion.parse(f[1]), f[2], repo, f[4].equals("-") ? "" : f[4],
                                Long.parseLong(f[5]), f[6].equals("-") ? "" : f[6]));
                    }
                    default -> throw new RepositoryException(source, where + ": '" + key + "' is not a lock file record.");
                }
            } catch (IllegalArgumentException e) { // bad number, version or base
                throw new RepositoryException(source, where + ": " + e.getMessage());
            }
        }
        if (!versioned || distribution == null) {
            throw new RepositoryException(source, "it is not a VSE lock file (no 'vse-lock 1' and 'distribution' lines).");
        }
        return new LockFile(distribution, release, architecture, base, recommends, requirements, forbidden, packages, snapshot);
    }

    private static void need(String[] f, int n, String source, String where, String form) throws RepositoryException {
        if (f.length != n) {
            throw new RepositoryException(source, where + ": expected '" + form + "'.");
        }
    }

    /**
     * Whether this lock is still current for {@code request} over {@code index}: the request is
     * the one locked, every locked package is still in the index with its checksum, and the
     * request resolves to exactly the locked packages.
     */
    public Check check(DebianIndex index, ResolveRequest request) {
        List<String> unavailable = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        if (!distribution.equals(index.distribution()) || !release.equals(index.release()) || !architecture.equals(index.architecture())) {
            stale.add("the lock is for " + distribution + " " + release + " " + architecture + ", the index for " + index.distribution()
                    + " " + index.release() + " " + index.architecture());
        }
        for (LockedPackage p : packages) {
            boolean found = false;
            for (DebianPackage d : index.packages(p.name())) {
                if (d.version().toString().equals(p.version().toString()) && d.architecture().equals(p.architecture())
                        && d.sha256().equals(p.sha256())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                unavailable.add(p.name() + " " + p.version() + " (" + p.architecture() + ") is no longer in the repository");
            }
        }
        LockFile now = new LockFile(distribution, release, architecture, request.base(), request.recommends(),
                request.requirements().stream().map(PackageRequirement::toString).toList(),
                request.forbidden().stream().map(PackageRequirement::toString).toList(), List.of());
        if (!now.requirements.equals(requirements) || !now.forbidden.equals(forbidden) || now.base != base || now.recommends != recommends) {
            List<String> added = new ArrayList<>(now.requirements);
            added.removeAll(requirements);
            List<String> removed = new ArrayList<>(requirements);
            removed.removeAll(now.requirements);
            stale.add("the request changed" + (added.isEmpty() ? "" : "; added: " + String.join(", ", added))
                    + (removed.isEmpty() ? "" : "; removed: " + String.join(", ", removed)));
        } else if (stale.isEmpty()) {
            Resolution r = index.resolver().resolve(request);
            if (!r.ok()) {
                stale.add("the request no longer resolves: " + r.problems().get(0).message());
            } else {
                Map<String, String> locked = new TreeMap<>();
                packages.forEach(p -> locked.put(p.name(), p.version().toString()));
                Map<String, String> fresh = r.versions();
                for (String name : new TreeSet<>(union(locked.keySet(), fresh.keySet()))) {
                    String a = locked.get(name);
                    String b = fresh.get(name);
                    if (!Objects.equals(a, b)) {
                        stale.add(a == null ? name + " " + b + " would be added" : b == null ? name + " " + a + " would be removed"
                                : name + " " + a + " would become " + b);
                    }
                }
            }
        }
        List<String> reasons = new ArrayList<>(unavailable);
        reasons.addAll(stale);
        Status status = !unavailable.isEmpty() ? Status.UNAVAILABLE : !stale.isEmpty() ? Status.STALE : Status.CURRENT;
        return new Check(status, List.copyOf(reasons));
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockFile l && l.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
