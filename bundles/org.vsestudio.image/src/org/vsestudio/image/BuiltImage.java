package org.vsestudio.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished image in its output folder.
 *
 * @param digest the image digest ({@code sha256:…}), the same for every build of the same inputs
 * @param folder the output folder
 * @param artifacts the files of the image by role ({@code disk}, {@code kernel}, {@code initrd},
 *        {@code rootfs}, {@code private}, {@code sbom}, {@code manifest}, {@code lock})
 * @param kernelCommandLine the command line to boot the disk with
 * @param layers how each layer was obtained: built, reused from the cache, or up to date
 * @param seconds how long the build took
 */
public record BuiltImage(String digest, Path folder, Map<String, Path> artifacts, String kernelCommandLine, List<Layer> layers,
        double seconds) {

    /** One layer of the build and whether it came from the cache. */
    public record Layer(String kind, String key, String how) {
    }

    public BuiltImage {
        artifacts = Map.copyOf(artifacts);
        layers = List.copyOf(layers);
    }
}
