package org.vsestudio.image;

import java.nio.file.Path;
import java.util.List;

import org.vsestudio.packages.LockFile;

/**
 * Everything an image is built from: the lock (the exact packages), the configuration steps
 * in order, the kernel command line, and whether the disk-less split is wanted.
 *
 * @param name the environment's qualified name ({@code climate.model})
 * @param lock the lock of the environment
 * @param steps the configuration steps, in the order they apply
 * @param bootOptions the kernel command line the environment asks for (may be empty)
 * @param diskless whether to produce the disk-less split as well as the disk image
 * @param sources the {@code .vse} files the recipe was read from (for the manifest's source digest)
 */
public record ImageRecipe(String name, LockFile lock, List<ConfigStep> steps, String bootOptions, boolean diskless, List<Path> sources) {

    public ImageRecipe {
        steps = List.copyOf(steps);
        sources = List.copyOf(sources);
        bootOptions = bootOptions == null ? "" : bootOptions.strip();
    }
}
