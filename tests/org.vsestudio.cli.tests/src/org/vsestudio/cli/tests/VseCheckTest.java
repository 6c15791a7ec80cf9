package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code vse check} run as a user runs it, from the repository's root, on its examples. */
class VseCheckTest {

    private static final Pattern LINE = Pattern.compile("[^:]+\\.vse:\\d+:\\d+: (error|warning|info): .+ \\[[a-z.-]+\\]");

    @Test
    void theValidExamplesPass() throws Exception {
        VseProcess.Result r = VseProcess.run(VseProcess.repository(), "check", "examples/climate.vse", "examples/site");
        assertEquals("", r.out(), r.err());
        assertEquals("2 files checked: 0 errors, 0 warnings.\n", r.err());
        assertEquals(0, r.exit());
    }

    @Test
    void theExamplesFolderHasErrorsInInvalid() throws Exception {
        VseProcess.Result r = VseProcess.run(VseProcess.repository(), "check", "examples/");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().allMatch(l -> LINE.matcher(l).matches()), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("examples/invalid/syntax.vse:6:") && l.endsWith("[vse.syntax]")), r.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("examples/climate.vse") || l.startsWith("examples/site/")), r.out());
        assertTrue(r.err().matches("10 files checked: \\d+ errors?, \\d+ warnings?\\.\\n"), r.err());
    }

    @Test
    void jsonListsEachDiagnosticWithItsRange() throws Exception {
        VseProcess.Result r = VseProcess.run(VseProcess.repository(), "check", "--json", "examples/invalid/syntax.vse");
        assertEquals(1, r.exit(), r.err());
        JsonArray array = JsonParser.parseString(r.out()).getAsJsonArray();
        assertTrue(array.size() >= 1, r.out());
        JsonObject first = array.get(0).getAsJsonObject();
        assertEquals("examples/invalid/syntax.vse", first.get("file").getAsString());
        assertEquals(6, first.get("line").getAsInt());
        assertEquals("error", first.get("severity").getAsString());
        assertEquals("vse.syntax", first.get("code").getAsString());
        assertTrue(first.get("column").getAsInt() >= 1);
        assertTrue(first.getAsJsonObject("end").get("line").getAsInt() >= 6);
        assertTrue(!first.get("message").getAsString().isBlank());
    }

    @Test
    void importsResolveFromTheFileFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/base.vse"), "environment my.base { distribution debian bookworm }\n");
        Files.writeString(dir.resolve("app.vse"), "import my.*\nenvironment my.app extends my.base { }\n");
        VseProcess.Result r = VseProcess.run(dir, "check", "app.vse");
        assertEquals(0, r.exit(), r.out() + r.err());
        Files.writeString(dir.resolve("app.vse"), "import my.*\nenvironment my.app extends my.nothing { }\n");
        r = VseProcess.run(dir, "check", "app.vse");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("app.vse:2:28: error: "), r.out());
        assertTrue(r.out().contains("my.nothing"), r.out());
        assertTrue(r.out().trim().endsWith("[vse.unresolved-reference]"), r.out());
    }

    @Test
    void usageProblemsAreOneSentenceAndExitTwo(@TempDir Path dir) throws Exception {
        VseProcess.Result r = VseProcess.run(dir, "check", "missing.vse");
        assertEquals(2, r.exit());
        assertEquals("vse check: 'missing.vse' does not exist.\n", r.err());
        r = VseProcess.run(dir, "check");
        assertEquals(2, r.exit());
        assertEquals("vse check: name at least one .vse file or folder to check.\n", r.err());
        r = VseProcess.run(dir, "check", "--strict", "x.vse");
        assertEquals(2, r.exit());
        assertEquals("vse check: unknown option '--strict'; 'vse help check' shows the options.\n", r.err());
        assertEquals("", r.out());
    }
}
