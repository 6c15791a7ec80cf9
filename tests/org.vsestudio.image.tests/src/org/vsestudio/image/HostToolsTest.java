package org.vsestudio.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostToolsTest {

    @Test
    void findsExecutablesOnThePathOnly(@TempDir Path dir) throws Exception {
        Path tool = Files.writeString(dir.resolve("mmdebstrap"), "#!/bin/sh\n");
        Path notExecutable = Files.writeString(dir.resolve("qemu-img"), "data");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        HostTools tools = new HostTools(dir.toString());
        assertEquals(tool, tools.find("mmdebstrap").orElseThrow());
        assertTrue(tools.find("qemu-img").isEmpty() || !tools.find("qemu-img").get().startsWith(dir));
    }

    @Test
    void surveysEveryToolWithItsPackage() {
        var survey = new HostTools().survey();
        assertEquals(HostTools.TOOLS.size(), survey.size());
        for (var f : survey) {
            assertTrue(f.tool().debianPackage().matches("[a-z0-9.+-]+"), f.toString());
            f.path().ifPresent(p -> assertTrue(Files.isExecutable(p), p + " should be executable"));
        }
        // sbin is searched even when it is not on the PATH
        assertTrue(new HostTools("/nonexistent").find("sh").isEmpty());
    }
}
