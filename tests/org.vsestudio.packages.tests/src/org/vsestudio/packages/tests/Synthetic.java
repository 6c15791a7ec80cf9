package org.vsestudio.packages.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.Repository;

/** Small made-up repositories for precise tests: stanzas written in the test, one list per text. */
final class Synthetic {

    static final String URI = "http://127.0.0.1:9/debian";

    private Synthetic() {
    }

    /** @return an index of {@code lists}, each the text of one Packages file (suite "test", then "test-updates", ...) */
    static DebianIndex index(Path dir, String... lists) {
        try {
            List<PackagesFile> files = new ArrayList<>();
            for (int i = 0; i < lists.length; i++) {
                Path f = dir.resolve("Packages-" + i);
                Files.writeString(f, lists[i].stripIndent(), StandardCharsets.UTF_8);
                String suite = i == 0 ? "test" : "test-updates" + i;
                files.add(new PackagesFile(f, new Repository(URI, suite, suite, "main", "amd64", "Test", "Test", "Sat, 01 Jan 2000 00:00:00 UTC"),
                        "main/binary-amd64/Packages", -1, null));
            }
            return DebianIndex.load("test", "amd64", files, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return requirements parsed from {@code texts} ("name", "name >= 1"), each its own origin */
    static List<PackageRequirement> reqs(String... texts) {
        List<PackageRequirement> list = new ArrayList<>();
        for (String t : texts) {
            list.add(PackageRequirement.parse(t, "origin:" + t));
        }
        return list;
    }

    /** @return a stanza: name, version, then "Field: value" lines */
    static String pkg(String name, String version, String... fields) {
        StringBuilder b = new StringBuilder("Package: ").append(name).append("\nVersion: ").append(version)
                .append("\nArchitecture: amd64\n");
        for (String f : fields) {
            b.append(f).append('\n');
        }
        b.append("Filename: pool/main/").append(name.charAt(0)).append('/').append(name).append('/').append(name).append('_')
                .append(version.replace(':', '%')).append("_amd64.deb\n");
        b.append("Size: 1000\nSHA256: ").append(String.format("%064x", Math.abs((long) (name + version).hashCode()))).append('\n');
        b.append("Description: the ").append(name).append(" package\n");
        return b.append('\n').toString();
    }
}
