package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.DebianPackage;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

/** The resolver on this host's real apt lists. */
@Tag("integration")
class HostResolverTest {

    /** The request of benchmarks/resolver.sh. */
    static final List<String> HPC = List.of("openmpi-bin", "libopenmpi-dev", "build-essential", "gfortran", "python3-numpy",
            "python3-scipy", "python3-mpi4py", "libhdf5-openmpi-dev", "libnetcdf-dev", "libfftw3-dev", "liblapack-dev", "cmake",
            "git", "openssh-server", "slurm-client", "munge");

    private final DebianIndex index = HostIndex.get();

    private Resolution resolve(List<String> names, BaseSystem base) {
        List<PackageRequirement> reqs = names.stream().map(n -> PackageRequirement.parse(n, "line of " + n)).toList();
        return index.resolver().resolve(ResolveRequest.of(reqs).withBase(base));
    }

    @Test
    void theHpcRequestResolvesToAClosureDpkgAccepts() {
        Resolution r = resolve(HPC, BaseSystem.REQUIRED);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of(), Closures.violations(r.closure()));
        for (String name : List.of("openmpi-bin", "libopenmpi3", "openmpi-common", "libhwloc15", "gcc", "gfortran", "libc6",
                "python3", "openssh-server", "slurm-client", "munge", "dpkg", "bash", "coreutils")) {
            assertNotNull(r.get(name), name + " should be in the closure");
        }
        DebianPackage openmpi = r.get("openmpi-bin");
        assertEquals(index.candidate("openmpi-bin").version(), openmpi.version());
        assertTrue(r.why("libopenmpi3").get(0).packageName().equals("openmpi-bin")
                || r.why("libopenmpi3").get(0).packageName().equals("libopenmpi-dev"), r.why("libopenmpi3").toString());
        assertEquals(64, openmpi.sha256().length());
        for (DebianPackage p : r.closure()) {
            assertTrue(p.essential() || !p.filename().isEmpty(), p + " has no Filename");
        }
    }

    @Test
    void postfixAndEximConflictThroughMailTransportAgent() {
        Resolution r = resolve(List.of("postfix", "exim4-daemon-light"), BaseSystem.NONE);
        assertFalse(r.ok());
        Problem.Conflict c = assertInstanceOf(Problem.Conflict.class, r.problems().get(0), r.problems().toString());
        assertTrue(c.conflict().contains("Conflicts: mail-transport-agent"), c.message());
        assertTrue(c.message().contains("exim4-daemon-light") && c.message().contains("postfix"), c.message());
        assertEquals(List.of("line of exim4-daemon-light", "line of postfix"), c.origins().stream().sorted().toList());
    }

    @Test
    void unknownPackagesSuggestNearestNames() {
        Resolution r = resolve(List.of("no-such-package-xyz", "opnempi-bin"), BaseSystem.NONE);
        Problem.UnknownPackage unknown = assertInstanceOf(Problem.UnknownPackage.class, r.problems().get(0));
        assertTrue(unknown.message().startsWith("Package 'no-such-package-xyz' does not exist in debian " + index.release() + " ("
                + index.architecture() + ")."), unknown.message());
        assertFalse(unknown.suggestions().isEmpty());
        Problem.UnknownPackage typo = assertInstanceOf(Problem.UnknownPackage.class, r.problems().get(1));
        assertEquals("openmpi-bin", typo.suggestions().get(0));
    }

    @Test
    void anImpossibleVersionListsTheVersionsThereAre() {
        Resolution r = resolve(List.of("openmpi-bin >= 99.0"), BaseSystem.NONE);
        Problem.NoMatchingVersion p = assertInstanceOf(Problem.NoMatchingVersion.class, r.problems().get(0));
        String versions = index.versions("openmpi-bin").stream().map(DebianVersion::toString).collect(Collectors.joining(", "));
        assertEquals("No available version of 'openmpi-bin' satisfies >= 99.0: debian " + index.release() + " ("
                + index.architecture() + ") has " + versions + ".", p.message());
    }

    @Test
    void aVirtualPackageIsInstalledThroughItsPreferredProvider() {
        Resolution r = resolve(List.of("mail-transport-agent"), BaseSystem.NONE);
        assertTrue(r.ok(), r.problems().toString());
        assertTrue(r.closure().stream().anyMatch(p -> p.provides().stream().anyMatch(d -> d.name().equals("mail-transport-agent"))));
        assertEquals(List.of(), Closures.violations(r.closure()));
    }
}
