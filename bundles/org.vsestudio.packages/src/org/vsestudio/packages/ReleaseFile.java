package org.vsestudio.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repository's {@code Release} or {@code InRelease} file: suite, codename, date,
 * architectures, components, and the size and SHA256 of every index file it lists. The
 * OpenPGP signature of an {@code InRelease} file is removed, not checked.
 */
public final class ReleaseFile {

    /** Size and SHA256 of one file the Release file lists. */
    public record Entry(String path, long size, String sha256) {
    }

    private final Map<String, String> fields;
    private final Map<String, Entry> sha256;

    private ReleaseFile(Map<String, String> fields, Map<String, Entry> sha256) {
        this.fields = fields;
        this.sha256 = sha256;
    }

    /**
     * Parses the text of a Release or InRelease file.
     *
     * @param source the file or address, named in the error
     * @throws RepositoryException if the text is not a Release file
     */
    public static ReleaseFile parse(byte[] data, String source) throws RepositoryException {
        String text = new String(data, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(0).startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
            int i = 1;
            while (i < lines.size() && !lines.get(i).isEmpty()) {
                i++; // armor headers ("Hash: SHA256")
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("-----BEGIN PGP SIGNATURE-----")) {
                end++;
            }
            if (end == lines.size()) {
                throw new RepositoryException(source, "the signed Release text has no signature block; the file is truncated.");
            }
            List<String> body = new ArrayList<>();
            for (String l : lines.subList(i + 1, end)) {
                body.add(l.startsWith("- ") ? l.substring(2) : l);
            }
            lines = body;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Entry> sums = new LinkedHashMap<>();
        String current = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null) {
                    throw new RepositoryException(source, "it does not start with a field; it is not a Release file.");
                }
                if (current.equals("SHA256")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length != 3 || parts[0].length() != 64) {
                        throw new RepositoryException(source, "its SHA256 line '" + line.trim() + "' is not 'hash size path'.");
                    }
                    try {
                        sums.put(parts[2], new Entry(parts[2], Long.parseLong(parts[1]), parts[0].toLowerCase()));
                    } catch (NumberFormatException e) {
                        throw new RepositoryException(source, "its SHA256 line '" + line.trim() + "' has no valid size.");
                    }
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new RepositoryException(source, "the line '" + line + "' is not a field; it is not a Release file.");
            }
            current = line.substring(0, colon);
            fields.put(current, line.substring(colon + 1).trim());
        }
        if (!fields.containsKey("Suite") && !fields.containsKey("Codename")) {
            throw new RepositoryException(source, "it has neither a Suite nor a Codename field; it is not a Release file.");
        }
        return new ReleaseFile(fields, sums);
    }

    /** @return the value of a field, empty if it is absent */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }

    public String suite() {
        return field("Suite");
    }

    /** @return the codename, or the suite if the file has no codename */
    public String codename() {
        String c = field("Codename");
        return c.isEmpty() ? suite() : c;
    }

    public String origin() {
        return field("Origin");
    }

    public String label() {
        return field("Label");
    }

    public String date() {
        return field("Date");
    }

    public List<String> architectures() {
        return words(field("Architectures"));
    }

    public List<String> components() {
        return words(field("Components"));
    }

    /** @return the size and SHA256 of {@code path} ({@code main/binary-amd64/Packages.xz}), or {@code null} */
    public Entry entry(String path) {
        return sha256.get(path);
    }

    /** @return every file with a SHA256, in the order listed */
    public List<Entry> entries() {
        return List.copyOf(sha256.values());
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }
}
