package org.vsestudio.remote.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vsestudio.remote.ShellQuote;

/** Quoted arguments reach a real shell exactly as they were given. */
class ShellQuoteTest {

    private static final List<String> NASTY = List.of("plain", "", "two words", "it's", "$(rm -rf /)", "`id`",
            "a;b|c&d", "*", "~", "back\\slash", "new\nline", "'\"'", "--opt=val", "ünïcødé", "!history", "#comment");

    @Test
    void plainWordsStayReadable() {
        assertEquals("openmpi-bin", ShellQuote.quote("openmpi-bin"));
        assertEquals("/opt/model/hello", ShellQuote.quote("/opt/model/hello"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'it'\"'\"'s'", ShellQuote.quote("it's"));
    }

    @Test
    void everyArgumentSurvivesARealShell() throws Exception {
        String script = "for a in " + ShellQuote.command(NASTY) + "; do printf '%s\\0' \"$a\"; done";
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertEquals(0, p.waitFor());
        List<String> back = new ArrayList<>(List.of(out.toString(StandardCharsets.UTF_8).split("\0", -1)));
        back.remove(back.size() - 1);
        assertEquals(NASTY, back);
    }
}
