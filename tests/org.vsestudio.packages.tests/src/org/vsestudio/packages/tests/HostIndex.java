package org.vsestudio.packages.tests;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.ReleaseFile;

/**
 * The index of this host's apt lists (the release and architecture they serve), loaded once
 * for all tests of the run.
 */
final class HostIndex {

    private static DebianIndex index;

    private HostIndex() {
    }

    static synchronized DebianIndex get() {
        if (index == null) {
            try {
                AptLists lists = AptLists.host();
                ReleaseFile main = lists.suites().stream().map(AptLists.Suite::release)
                        .filter(r -> !r.codename().contains("-")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("this host has no apt lists of a main suite"));
                String arch = lists.suites().stream().flatMap(s -> s.packages().stream())
                        .map(f -> f.repository().architecture()).findFirst().orElseThrow();
                index = DebianIndex.load(main.codename(), arch, lists.select(main.codename(), arch).files(), Progress.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return index;
    }
}
