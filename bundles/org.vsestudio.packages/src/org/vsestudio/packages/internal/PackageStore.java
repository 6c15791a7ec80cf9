package org.vsestudio.packages.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vsestudio.packages.DebianVersion;

/**
 * The compact form of a Debian package index: every field a package record needs is a
 * slice of one byte array, every table an int array. It is what a {@code Packages} file is
 * parsed into and, unchanged, what the binary cache file holds, so that loading from the
 * cache is reading arrays.
 *
 * <p>Packages are numbered in the order of their files; names (of real and of virtual
 * packages) are numbered in sorted order.
 */
public final class PackageStore {

    // string fields of a package: (offset, length) pairs into the blob
    public static final int NAME = 0;
    public static final int VERSION = 1;
    public static final int ARCH = 2;
    public static final int DEPENDS = 3;
    public static final int PRE_DEPENDS = 4;
    public static final int RECOMMENDS = 5;
    public static final int CONFLICTS = 6;
    public static final int BREAKS = 7;
    public static final int PROVIDES = 8;
    public static final int FILENAME = 9;
    public static final int SIZE = 10;
    public static final int SHA256 = 11;
    public static final int DESCRIPTION = 12;
    public static final int SOURCE = 13;
    public static final int SECTION = 14;
    public static final int MULTI_ARCH = 15;
    public static final int PRIORITY = 16;
    public static final int ESSENTIAL = 17;
    public static final int FIELDS = 18;

    private static final String[] FIELD_NAMES = { "Package", "Version", "Architecture", "Depends", "Pre-Depends",
        "Recommends", "Conflicts", "Breaks", "Provides", "Filename", "Size", "SHA256", "Description", "Source",
        "Section", "Multi-Arch", "Priority", "Essential" };
    private static final byte[][] FIELD_BYTES = new byte[FIELDS][];
    static {
        for (int i = 0; i < FIELDS; i++) {
            FIELD_BYTES[i] = FIELD_NAMES[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    final byte[] blob;
    final int blobLength;
    /** FIELDS (offset, length) pairs per package */
    final int[] fields;
    final int[] pkgName;
    final int[] pkgRepo;
    final int count;
    final String[] names;
    /** packages of name i: byName[byNameStart[i] .. byNameStart[i+1]), newest version first */
    final int[] byNameStart;
    final int[] byName;
    /** providers of name i: provPkg[provStart[i] .. provStart[i+1]) with the provided version (offset, length; length -1: none) */
    final int[] provStart;
    final int[] provPkg;
    final int[] provVersion;

    PackageStore(byte[] blob, int blobLength, int[] fields, int[] pkgName, int[] pkgRepo, int count, String[] names,
            int[] byNameStart, int[] byName, int[] provStart, int[] provPkg, int[] provVersion) {
        this.blob = blob;
        this.blobLength = blobLength;
        this.fields = fields;
        this.pkgName = pkgName;
        this.pkgRepo = pkgRepo;
        this.count = count;
        this.names = names;
        this.byNameStart = byNameStart;
        this.byName = byName;
        this.provStart = provStart;
        this.provPkg = provPkg;
        this.provVersion = provVersion;
    }

    /** @return the number of package records */
    public int size() {
        return count;
    }

    /** @return the sorted names, real and virtual; do not modify */
    public String[] names() {
        return names;
    }

    /** @return the number of the name, or a negative number if there is no such name */
    public int nameId(String name) {
        return Arrays.binarySearch(names, name);
    }

    /** @return the package ids of name {@code nameId}, newest first */
    public int[] packagesOf(int nameId) {
        return Arrays.copyOfRange(byName, byNameStart[nameId], byNameStart[nameId + 1]);
    }

    public int packageCount(int nameId) {
        return byNameStart[nameId + 1] - byNameStart[nameId];
    }

    /** @return the ids of the packages that provide name {@code nameId} */
    public int[] providersOf(int nameId) {
        return Arrays.copyOfRange(provPkg, provStart[nameId], provStart[nameId + 1]);
    }

    public int providerCount(int nameId) {
        return provStart[nameId + 1] - provStart[nameId];
    }

    /** @return the version with which the {@code i}-th provider of {@code nameId} provides it, or {@code null} */
    public String providedVersion(int nameId, int i) {
        int k = provStart[nameId] + i;
        int len = provVersion[2 * k + 1];
        return len < 0 ? null : new String(blob, provVersion[2 * k], len, StandardCharsets.UTF_8);
    }

    public int nameOf(int pkg) {
        return pkgName[pkg];
    }

    public int repositoryOf(int pkg) {
        return pkgRepo[pkg];
    }

    /** @return the text of field {@code field} of package {@code pkg}, empty if it has none */
    public String field(int pkg, int field) {
        int k = 2 * (pkg * FIELDS + field);
        int len = fields[k + 1];
        return len == 0 ? "" : new String(blob, fields[k], len, StandardCharsets.UTF_8);
    }

    /** @return whether package {@code pkg} has field {@code field} */
    public boolean has(int pkg, int field) {
        return fields[2 * (pkg * FIELDS + field) + 1] > 0;
    }

    /** @return the name of a field constant, as a {@code Packages} file writes it */
    public static String fieldName(int field) {
        return FIELD_NAMES[field];
    }

    // ------------------------------------------------------------------ building

    /** Collects the stanzas of {@code Packages} files; {@link #finish()} makes the store. */
    public static final class Builder {
        private byte[] blob = new byte[1 << 22];
        private int blobLength;
        private int[] fields = new int[FIELDS * 2 * 4096];
        private int[] pkgRepo = new int[4096];
        private int count;

        /**
         * Adds the stanzas of one uncompressed {@code Packages} file.
         *
         * @param repository the number of the repository the file belongs to
         * @throws CorruptDataException if the text is not a sequence of control stanzas
         */
        public void add(byte[] text, int length, int repository) throws CorruptDataException {
            ensureBlob(length / 2 + 1024);
            int p = 0;
            int[] current = new int[FIELDS * 2];
            boolean inStanza = false;
            int stanzaStart = 0;
            while (p < length) {
                int eol = indexOf(text, (byte) '\n', p, length);
                int lineEnd = eol < 0 ? length : eol;
                int next = eol < 0 ? length : eol + 1;
                if (lineEnd == p || (lineEnd == p + 1 && text[p] == '\r')) { // empty line: stanza ends
                    if (inStanza) {
                        finishStanza(text, current, stanzaStart, repository);
                        inStanza = false;
                    }
                    p = next;
                    continue;
                }
                byte first = text[p];
                if (first == ' ' || first == '\t') {
                    if (!inStanza) {
                        throw new CorruptDataException("line " + lineNumber(text, p) + " continues a field, but no stanza has begun");
                    }
                    p = next; // continuation line (long description, ...): not needed
                    continue;
                }
                if (first == '#') {
                    p = next;
                    continue;
                }
                int colon = indexOf(text, (byte) ':', p, lineEnd);
                if (colon <= p) {
                    throw new CorruptDataException("line " + lineNumber(text, p) + " is not a field ('"
                            + new String(text, p, Math.min(40, lineEnd - p), StandardCharsets.UTF_8) + "')");
                }
                if (!inStanza) {
                    inStanza = true;
                    stanzaStart = p;
                    Arrays.fill(current, 0);
                }
                int field = fieldOf(text, p, colon);
                if (field >= 0) {
                    int v = colon + 1;
                    while (v < lineEnd && (text[v] == ' ' || text[v] == '\t')) {
                        v++;
                    }
                    int e = lineEnd;
                    while (e > v && (text[e - 1] == ' ' || text[e - 1] == '\r' || text[e - 1] == '\t')) {
                        e--;
                    }
                    current[2 * field] = v;
                    current[2 * field + 1] = e - v;
                }
                p = next;
            }
            if (inStanza) {
                finishStanza(text, current, stanzaStart, repository);
            }
        }

        private void finishStanza(byte[] text, int[] current, int stanzaStart, int repository) throws CorruptDataException {
            if (current[2 * NAME + 1] == 0) {
                throw new CorruptDataException("the stanza at line " + lineNumber(text, stanzaStart) + " has no Package field");
            }
            if (current[2 * VERSION + 1] == 0) {
                throw new CorruptDataException("package '" + new String(text, current[2 * NAME], current[2 * NAME + 1], StandardCharsets.UTF_8)
                        + "' (line " + lineNumber(text, stanzaStart) + ") has no Version field");
            }
            if (count == pkgRepo.length) {
                pkgRepo = Arrays.copyOf(pkgRepo, count * 2);
                fields = Arrays.copyOf(fields, count * 2 * FIELDS * 2);
            }
            int base = count * FIELDS * 2;
            for (int f = 0; f < FIELDS; f++) {
                int len = current[2 * f + 1];
                if (len > 0) {
                    ensureBlob(len);
                    System.arraycopy(text, current[2 * f], blob, blobLength, len);
                    fields[base + 2 * f] = blobLength;
                    fields[base + 2 * f + 1] = len;
                    blobLength += len;
                }
            }
            pkgRepo[count] = repository;
            count++;
        }

        private void ensureBlob(int more) {
            if (blobLength + more > blob.length) {
                blob = Arrays.copyOf(blob, Math.max(blobLength + more, blob.length * 2));
            }
        }

        /** @return the store of every stanza added */
        public PackageStore finish() {
            Map<String, Integer> ids = new HashMap<>(count * 2);
            List<String> nameList = new ArrayList<>(count + 8192);
            int[] rawName = new int[count];
            for (int i = 0; i < count; i++) {
                rawName[i] = intern(ids, nameList, str(i, NAME));
            }
            // provides: (package, raw name id, version offset, version length)
            int[] prov = new int[4 * 1024];
            int provCount = 0;
            for (int i = 0; i < count; i++) {
                int k = 2 * (i * FIELDS + PROVIDES);
                int off = fields[k];
                int end = off + fields[k + 1];
                int p = off;
                while (p < end) {
                    while (p < end && (blob[p] == ' ' || blob[p] == ',')) {
                        p++;
                    }
                    int ns = p;
                    while (p < end && blob[p] != ' ' && blob[p] != ',' && blob[p] != '(' && blob[p] != ':') {
                        p++;
                    }
                    if (p == ns) {
                        break;
                    }
                    String provided = new String(blob, ns, p - ns, StandardCharsets.UTF_8);
                    int vOff = 0;
                    int vLen = -1;
                    while (p < end && blob[p] != ',' && blob[p] != '(') {
                        p++; // a qualifier (":any") or spaces
                    }
                    if (p < end && blob[p] == '(') {
                        int close = indexOf(blob, (byte) ')', p, end);
                        int q = p + 1;
                        while (q < close && (blob[q] == ' ' || blob[q] == '=')) {
                            q++;
                        }
                        int qe = close < 0 ? end : close;
                        while (qe > q && blob[qe - 1] == ' ') {
                            qe--;
                        }
                        vOff = q;
                        vLen = qe - q;
                        p = close < 0 ? end : close + 1;
                    }
                    while (p < end && blob[p] != ',') {
                        p++;
                    }
                    if (provCount * 4 + 4 > prov.length) {
                        prov = Arrays.copyOf(prov, prov.length * 2);
                    }
                    prov[provCount * 4] = i;
                    prov[provCount * 4 + 1] = intern(ids, nameList, provided);
                    prov[provCount * 4 + 2] = vOff;
                    prov[provCount * 4 + 3] = vLen;
                    provCount++;
                }
            }
            String[] sorted = nameList.toArray(String[]::new);
            Arrays.sort(sorted);
            int[] remap = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                remap[ids.get(sorted[i])] = i;
            }
            int[] pkgName = new int[count];
            for (int i = 0; i < count; i++) {
                pkgName[i] = remap[rawName[i]];
            }
            int[] byNameStart = new int[sorted.length + 1];
            for (int i = 0; i < count; i++) {
                byNameStart[pkgName[i] + 1]++;
            }
            for (int i = 0; i < sorted.length; i++) {
                byNameStart[i + 1] += byNameStart[i];
            }
            int[] byName = new int[count];
            int[] fill = Arrays.copyOf(byNameStart, sorted.length);
            for (int i = 0; i < count; i++) {
                byName[fill[pkgName[i]]++] = i;
            }
            for (int n = 0; n < sorted.length; n++) {
                int s = byNameStart[n];
                int e = byNameStart[n + 1];
                if (e - s > 1) {
                    sortNewestFirst(byName, s, e);
                }
            }
            int[] provStart = new int[sorted.length + 1];
            for (int j = 0; j < provCount; j++) {
                provStart[remap[prov[4 * j + 1]] + 1]++;
            }
            for (int i = 0; i < sorted.length; i++) {
                provStart[i + 1] += provStart[i];
            }
            int[] provPkg = new int[provCount];
            int[] provVersion = new int[provCount * 2];
            int[] pfill = Arrays.copyOf(provStart, sorted.length);
            for (int j = 0; j < provCount; j++) {
                int slot = pfill[remap[prov[4 * j + 1]]]++;
                provPkg[slot] = prov[4 * j];
                provVersion[2 * slot] = prov[4 * j + 2];
                provVersion[2 * slot + 1] = prov[4 * j + 3];
            }
            return new PackageStore(blob, blobLength, Arrays.copyOf(fields, count * FIELDS * 2), pkgName,
                    Arrays.copyOf(pkgRepo, count), count, sorted, byNameStart, byName, provStart, provPkg, provVersion);
        }

        private void sortNewestFirst(int[] a, int s, int e) {
            Integer[] slice = new Integer[e - s];
            Map<Integer, DebianVersion> versions = new HashMap<>();
            for (int i = s; i < e; i++) {
                slice[i - s] = a[i];
                versions.put(a[i], versionOf(a[i]));
            }
            Arrays.sort(slice, (x, y) -> {
                int c = compareVersions(versions.get(y), versions.get(x), y, x);
                return c != 0 ? c : Integer.compare(pkgRepo[x], pkgRepo[y]) != 0 ? Integer.compare(pkgRepo[x], pkgRepo[y]) : Integer.compare(x, y);
            });
            for (int i = s; i < e; i++) {
                a[i] = slice[i - s];
            }
        }

        private int compareVersions(DebianVersion a, DebianVersion b, int pa, int pb) {
            if (a != null && b != null) {
                return a.compareTo(b);
            }
            return str(pa, VERSION).compareTo(str(pb, VERSION));
        }

        private DebianVersion versionOf(int pkg) {
            String v = str(pkg, VERSION);
            return DebianVersion.problem(v) == null ? DebianVersion.parse(v) : null;
        }

        private String str(int pkg, int field) {
            int k = 2 * (pkg * FIELDS + field);
            return new String(blob, fields[k], fields[k + 1], StandardCharsets.UTF_8);
        }

        private static int intern(Map<String, Integer> ids, List<String> list, String name) {
            Integer id = ids.get(name);
            if (id == null) {
                id = list.size();
                ids.put(name, id);
                list.add(name);
            }
            return id;
        }
    }

    static int fieldOf(byte[] t, int start, int end) {
        int len = end - start;
        // quick reject on length and first letter, then compare
        for (int f = 0; f < FIELDS; f++) {
            byte[] n = FIELD_BYTES[f];
            if (n.length == len && n[0] == t[start] && Arrays.equals(n, 0, len, t, start, end)) {
                return f;
            }
        }
        return -1;
    }

    static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static int lineNumber(byte[] text, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length; i++) {
            if (text[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
