package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vse lock} run as a user runs it, on a copy of the climate example (its file, the
 * site's base and the model's sources), resolved over this host's apt lists.
 */
class VseLockTest {

    private static final Pattern LOCKED = Pattern
            .compile("Locked environment climate\\.model: (\\d+) packages of debian bookworm amd64 in (\\S+)\\.\\n");

    @TempDir
    Path dir;

    private Path project;

    @BeforeEach
    void copyTheExample() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        Path examples = VseProcess.repository().resolve("examples");
        Files.copy(examples.resolve("climate.vse"), project.resolve("climate.vse"));
        for (String folder : List.of("site", "model")) {
            try (Stream<Path> files = Files.walk(examples.resolve(folder))) {
                for (Path f : files.toList()) {
                    Path target = project.resolve(examples.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
    }

    @Test
    void theLockIsWrittenBesideTheFileAndIsTheSameEachTime() throws Exception {
        VseProcess.Result r = VseProcess.run(project, "lock", "climate.vse");
        assertEquals(0, r.exit(), r.out() + r.err());
        Matcher m = LOCKED.matcher(r.out());
        assertTrue(m.matches(), r.out());
        assertEquals("climate.model.vse.lock", m.group(2));
        assertEquals("", r.err());
        Path lock = project.resolve("climate.model.vse.lock");
        String text = Files.readString(lock);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("# VSE lock file"), text);
        assertEquals(List.of("vse-lock 1", "distribution debian bookworm amd64", "base required", "recommends yes"), lines.subList(1, 5));
        assertTrue(lines.contains("require openmpi-bin >= 4.1"), text);
        assertTrue(lines.contains("require python3-scipy >= 1.10 & < 1.12"), text);
        assertTrue(lines.contains("require slurm-client >= 22.05"), "the base's packages too");
        assertTrue(lines.contains("forbid mpich"), text);
        long packages = lines.stream().filter(l -> l.startsWith("package ")).count();
        assertEquals(Long.parseLong(m.group(1)), packages);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("package openmpi-bin 4.1.")), text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("package htop 3.2.2-2 amd64 r")), text);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("package mpich ")), text);

        byte[] first = Files.readAllBytes(lock);
        r = VseProcess.run(dir, "lock", "project/climate.vse", "--env", "climate.model");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().endsWith(" in project/climate.model.vse.lock.\n"), r.out());
        assertArrayEquals(first, Files.readAllBytes(lock), "the same inputs give the same bytes");
        try (Stream<Path> files = Files.list(project)) {
            assertEquals(List.of("climate.model.vse.lock", "climate.vse", "model", "site"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void checkSaysWhetherTheLockIsCurrent() throws Exception {
        VseProcess.Result r = VseProcess.run(project, "lock", "climate.vse", "--check");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("vse lock: there is no lock file climate.model.vse.lock; 'vse lock climate.vse' writes it.\n", r.err());

        assertEquals(0, VseProcess.run(project, "lock", "climate.vse").exit());
        r = VseProcess.run(project, "lock", "climate.vse", "--check");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches("climate\\.model\\.vse\\.lock is current: \\d+ packages\\.\\n"), r.out());

        Path file = project.resolve("climate.vse");
        Files.writeString(file, Files.readString(file).replace("packages += { htop = 3.2.2-2 }", "packages += { htop = 3.2.2-2 git }"));
        r = VseProcess.run(project, "lock", "climate.vse", "--check");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals("the request changed; added: git\n", r.out());
        assertEquals("vse lock: climate.model.vse.lock is stale; 'vse lock climate.vse' writes it again.\n", r.err());

        assertEquals(0, VseProcess.run(project, "lock", "climate.vse").exit());
        assertEquals(0, VseProcess.run(project, "lock", "climate.vse", "--check").exit());
    }

    @Test
    void aFileWithSeveralEnvironmentsNeedsTheName() throws Exception {
        Files.writeString(project.resolve("two.vse"), """
                import ornl.*
                environment two.small extends ornl.base { }
                environment two.tools extends ornl.base { packages += { htop } }
                """);
        VseProcess.Result r = VseProcess.run(project, "lock", "two.vse");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("vse lock: 'two.vse' has several environments (two.small, two.tools); choose one with --env.\n", r.err());
        r = VseProcess.run(project, "lock", "two.vse", "--env", "two.big");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("vse lock: 'two.vse' has no environment 'two.big'; it has two.small, two.tools.\n", r.err());
        r = VseProcess.run(project, "lock", "two.vse", "--env", "two.tools");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.readString(project.resolve("two.tools.vse.lock")).contains("\npackage htop "));
        assertFalse(Files.exists(project.resolve("two.small.vse.lock")));
    }

    @Test
    void aFileWithErrorsIsNotLocked() throws Exception {
        Files.writeString(project.resolve("bad.vse"), """
                import ornl.*
                environment bad.env extends ornl.base {
                    packages += { postfix exim4-daemon-light }
                }
                """);
        VseProcess.Result r = VseProcess.run(project, "lock", "bad.vse");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("bad.vse:3:") && r.out().contains("cannot be installed together")
                && r.out().trim().endsWith("[vse.repository-conflict]"), r.out());
        assertEquals("vse lock: 'bad.vse' has 1 error; it is not locked.\n", r.err());
        assertFalse(Files.exists(project.resolve("bad.env.vse.lock")));
    }

    @Test
    void usageProblemsAreOneSentence() throws Exception {
        VseProcess.Result r = VseProcess.run(project, "lock");
        assertEquals(2, r.exit());
        assertEquals("vse lock: name the .vse file that holds the environment to lock.\n", r.err());
        r = VseProcess.run(project, "lock", "climate.vse", "--force");
        assertEquals(2, r.exit());
        assertEquals("vse lock: unknown option '--force'; 'vse help lock' shows the options.\n", r.err());
        Files.writeString(project.resolve("sets.vse"), "packageset only.sets { htop }\n");
        r = VseProcess.run(project, "lock", "sets.vse");
        assertEquals(2, r.exit());
        assertEquals("vse lock: 'sets.vse' declares no environment.\n", r.err());
    }
}
