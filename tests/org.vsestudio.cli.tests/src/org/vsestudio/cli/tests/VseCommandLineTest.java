package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.vsestudio.cli.Vse;

/** What a user sees from {@code vse} with the basic options: words and exit codes. */
class VseCommandLineTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run vse(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Vse().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionNamesTheBundleVersionAndTheJava() {
        Run r = vse("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("(?s)vse 0\\.1\\.0[.-]\\S+ \\(VSE Studio\\)\\nJava \\d+.*"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run r = vse("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: vse [--help | --version | COMMAND [ARGS...]]"), r.out());
        assertTrue(r.out().contains("  lock       resolve an environment's packages into its lock file"), r.out());
        assertTrue(r.out().contains("  doctor     show what this host has"), r.out());
        assertTrue(r.out().contains("Exit codes: 0 success, 1 errors found, 2 usage or I/O problem."), r.out());
    }

    @Test
    void anUnknownCommandIsOneSentenceAndExitTwo() {
        Run r = vse("frobnicate", "x.vse");
        assertEquals(2, r.exit());
        assertEquals("vse: 'frobnicate' is not a vse command; 'vse --help' lists them.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void noArgumentsShowsUsageOnStandardErrorWithExitTwo() {
        Run r = vse();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Usage: vse"), r.err());
    }

    @Test
    void doctorReportsTheRealHost() {
        Run r = vse("doctor");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("java                "), r.out());
        assertTrue(r.out().contains("(Java " + Runtime.version() + ")"), r.out());
        assertTrue(r.out().contains("mmdebstrap"), r.out());
        assertTrue(r.out().matches("(?s).*VMs run with (KVM|TCG): .+"), r.out());
    }

    @Test
    void doctorRejectsArgumentsWithOneSentence() {
        Run r = vse("doctor", "--fast");
        assertEquals(2, r.exit());
        assertEquals("vse doctor: 'doctor' takes no arguments, but was given '--fast'.\n", r.err());
    }
}
