package org.vsestudio.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

/** Image files good enough for everything but booting: a real (empty) qcow2 disk and placeholder kernel and initrd. */
final class Fakes {

    private Fakes() {
    }

    static Path image(Path dir) throws Exception {
        Path image = Files.createDirectories(dir.resolve("image"));
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", image.resolve("disk.qcow2").toString(), "64M")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        Files.writeString(image.resolve("vmlinuz"), "not a kernel");
        Files.writeString(image.resolve("initrd.img"), "not an initrd");
        return image;
    }
}
