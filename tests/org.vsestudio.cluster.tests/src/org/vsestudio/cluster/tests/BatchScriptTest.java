package org.vsestudio.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.cluster.BatchScript;

class BatchScriptTest {

    @Test
    void rendersDirectivesAndQuotedSteps() {
        BatchScript s = new BatchScript("climate.model", 64, Duration.ofHours(26).plusMinutes(5), "debug",
                List.of(List.of("/opt/model/hello", "--out", "result file.nc")));
        assertEquals("""
                #!/bin/sh
                #SBATCH --job-name=climate.model
                #SBATCH --nodes=64
                #SBATCH --time=1-02:05:00
                #SBATCH --partition=debug
                set -e
                srun /opt/model/hello --out 'result file.nc'
                """, s.render());
    }

    @Test
    void refusesWhatSlurmWouldMisread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchScript("a b", 1, Duration.ofMinutes(5), null, List.of(List.of("true"))));
        assertTrue(e.getMessage().startsWith("The job name 'a b' must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchScript("x", 0, Duration.ofMinutes(5), null, List.of(List.of("true"))));
        assertThrows(IllegalArgumentException.class, () -> new BatchScript("x", 1, Duration.ofSeconds(5), null, List.of(List.of("true"))));
        assertThrows(IllegalArgumentException.class, () -> new BatchScript("x", 1, Duration.ofMinutes(5), null, List.of()));
    }

    /** The script runs in a real shell, with srun replaced by a function that prints its arguments. */
    @Test
    void theStepsRunWithTheirArgumentsIntact(@TempDir Path dir) throws Exception {
        String script = new BatchScript("t", 1, Duration.ofMinutes(1), null,
                List.of(List.of("echo", "$HOME;`id`"), List.of("echo", "it's"))).render();
        Path file = dir.resolve("job.sh");
        Files.writeString(file, "srun() { printf '[%s]' \"$@\"; echo; }\n" + script);
        Process p = new ProcessBuilder("sh", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("[echo][$HOME;`id`]\n[echo][it's]\n", out);
    }
}
