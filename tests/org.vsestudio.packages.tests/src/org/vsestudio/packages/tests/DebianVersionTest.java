package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.Relation;

class DebianVersionTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 < 1.1",
        "1.0~rc1 < 1.0",
        "1.0~~ < 1.0~",
        "1.0 < 1.0+b1",
        "1:0.1 > 9.9",
        "2.0-1 < 2.0-2",
        "2.0-10 > 2.0-9",
        "1.0a < 1.0b",
        "1.0a > 1.0",
        "1.0 = 1.00",
        "1.0 = 0:1.0",
        "1.0-0 = 1.0",
        "22.05.8-4+deb12u3 > 22.05",
        "4.1.4-3 >= 4.1",
        "1.10.1-2 < 1.12",
        "3.2.2-2 = 3.2.2-2",
        "1.2.3 < 1.2.3.0.1",
        "1.0+dfsg1 > 1.0",
        "1.0.+ > 1.0.a",
    })
    void ordersAsDpkg(String a, String op, String b) {
        int c = DebianVersion.compare(a, b);
        switch (op) {
            case "<" -> assertTrue(c < 0, a + " should sort before " + b);
            case ">" -> assertTrue(c > 0, a + " should sort after " + b);
            case ">=" -> assertTrue(c >= 0, a + " should not sort before " + b);
            default -> {
                assertEquals(0, c, a + " should equal " + b);
                assertEquals(DebianVersion.parse(a), DebianVersion.parse(b));
                assertEquals(DebianVersion.parse(a).hashCode(), DebianVersion.parse(b).hashCode());
            }
        }
    }

    @Test
    void splitsEpochUpstreamRevision() {
        DebianVersion v = DebianVersion.parse("2:1.2-3-4");
        assertEquals(2, v.epoch());
        assertEquals("1.2-3", v.upstream());
        assertEquals("4", v.revision());
        assertEquals("2:1.2-3-4", v.toString());
    }

    @Test
    void rejectsWhatDpkgRejects() {
        assertNotNull(DebianVersion.problem("abc"));
        assertNotNull(DebianVersion.problem(""));
        assertNotNull(DebianVersion.problem("1.0-"));
        assertNotNull(DebianVersion.problem("x:1.0"));
        assertNotNull(DebianVersion.problem("1.0 beta"));
        assertNull(DebianVersion.problem("1:2.3~rc1+dfsg-4+deb12u1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse("=>4.1"));
        assertTrue(e.getMessage().contains("must start with a digit"), e.getMessage());
    }

    @Test
    void relationsHoldAsWritten() {
        DebianVersion v = DebianVersion.parse("4.1.4-3");
        assertTrue(Relation.of(">=").holds(v, DebianVersion.parse("4.1")));
        assertTrue(Relation.of("gte").holds(v, DebianVersion.parse("4.1")));
        assertTrue(Relation.of("lt").holds(v, DebianVersion.parse("4.2")));
        assertTrue(!Relation.of("eq").holds(v, DebianVersion.parse("4.1")));
        assertNull(Relation.of("=>"));
    }

    /**
     * The real thing: versions from this machine's dpkg database, compared pairwise by
     * {@code dpkg --compare-versions} and by this class.
     */
    @Test
    @Tag("integration")
    void agreesWithDpkgOnInstalledVersions() throws Exception {
        List<String> versions = installedVersions();
        assertTrue(versions.size() > 50, "expected the dpkg database to list many versions, found " + versions.size());
        Random random = new Random(42);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String a = versions.get(random.nextInt(versions.size()));
            String b = random.nextInt(4) == 0 ? mutate(a, random) : versions.get(random.nextInt(versions.size()));
            if (DebianVersion.problem(b) == null) {
                pairs.add(new String[] { a, b });
            }
        }
        StringBuilder script = new StringBuilder();
        for (String[] p : pairs) {
            script.append("if dpkg --compare-versions '").append(p[0]).append("' lt '").append(p[1])
                    .append("'; then echo '<'; elif dpkg --compare-versions '").append(p[0]).append("' eq '")
                    .append(p[1]).append("'; then echo '='; else echo '>'; fi\n");
        }
        Process process = new ProcessBuilder("sh", "-c", script.toString()).redirectErrorStream(true).start();
        List<String> answers = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                answers.add(line.trim());
            }
        }
        assertEquals(0, process.waitFor());
        assertEquals(pairs.size(), answers.size());
        for (int i = 0; i < pairs.size(); i++) {
            int c = DebianVersion.compare(pairs.get(i)[0], pairs.get(i)[1]);
            String ours = c < 0 ? "<" : c == 0 ? "=" : ">";
            assertEquals(answers.get(i), ours, "dpkg orders " + pairs.get(i)[0] + " " + answers.get(i) + " " + pairs.get(i)[1]);
        }
    }

    /**
     * Thousands of real versions from the repository index: a sample sorted by this class must
     * be in dpkg's order pair by pair (so neighbours are near-equal versions, the hard cases),
     * and random pairs must compare as dpkg compares them. One {@code sh} runs all dpkg calls.
     */
    @Test
    @Tag("integration")
    void agreesWithDpkgOnTheIndexVersions() throws Exception {
        org.vsestudio.packages.DebianIndex index = HostIndex.get();
        List<String> names = index.names();
        Random random = new Random(4);
        Set<String> sample = new LinkedHashSet<>();
        while (sample.size() < 2500) {
            for (DebianVersion v : index.versions(names.get(random.nextInt(names.size())))) {
                sample.add(v.toString());
            }
        }
        List<DebianVersion> sorted = new ArrayList<>(sample.stream().map(DebianVersion::parse).toList());
        java.util.Collections.sort(sorted);
        List<String[]> checks = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            String a = sorted.get(i).toString();
            String b = sorted.get(i + 1).toString();
            checks.add(new String[] { a, sorted.get(i).compareTo(sorted.get(i + 1)) == 0 ? "eq" : "lt", b });
        }
        List<String> all = new ArrayList<>(sample);
        for (int i = 0; i < 1000; i++) {
            String a = all.get(random.nextInt(all.size()));
            String b = random.nextInt(3) == 0 ? mutate(a, random) : all.get(random.nextInt(all.size()));
            if (DebianVersion.problem(b) != null) {
                continue;
            }
            int c = DebianVersion.compare(a, b);
            checks.add(new String[] { a, c < 0 ? "lt" : c == 0 ? "eq" : "gt", b });
        }
        StringBuilder script = new StringBuilder();
        for (String[] c : checks) {
            script.append("dpkg --compare-versions '").append(c[0]).append("' ").append(c[1]).append(" '").append(c[2])
                    .append("' && echo y || echo n\n");
        }
        // the script goes through standard input: it is too long for an argument
        Process process = new ProcessBuilder("sh").redirectErrorStream(true).start();
        Thread feeder = new Thread(() -> {
            try (var in = process.getOutputStream()) {
                in.write(script.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // sh died: the answers below will be short
            }
        });
        feeder.start();
        List<String> answers = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                answers.add(line.trim());
            }
        }
        feeder.join();
        assertEquals(0, process.waitFor());
        assertEquals(checks.size(), answers.size(), answers.stream().filter(a -> !a.equals("y") && !a.equals("n")).toList().toString());
        assertTrue(checks.size() > 3000, "" + checks.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!answers.get(i).equals("y")) {
                disagreements.add(String.join(" ", checks.get(i)));
            }
        }
        assertEquals(List.of(), disagreements, "ours says these hold, dpkg does not");
    }

    private static String mutate(String v, Random random) {
        String[] suffixes = { "~rc1", "+b1", ".0", "~", "a", "-1", "+dfsg" };
        return v + suffixes[random.nextInt(suffixes.length)];
    }

    private static List<String> installedVersions() throws IOException {
        Set<String> versions = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of("/var/lib/dpkg/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("Version: ")) {
                versions.add(line.substring("Version: ".length()).trim());
            }
        }
        return new ArrayList<>(versions);
    }
}
