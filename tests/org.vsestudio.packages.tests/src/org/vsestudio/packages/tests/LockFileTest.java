package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vsestudio.packages.tests.Synthetic.pkg;
import static org.vsestudio.packages.tests.Synthetic.reqs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.PackageRequirement;
import org.vsestudio.packages.RepositoryException;
import org.vsestudio.packages.ResolveRequest;

/** Lock files: exact, deterministic, read back, checked against the index. */
class LockFileTest {

    @TempDir
    Path dir;

    private final ResolveRequest request = new ResolveRequest(reqs("app >= 1", "tool"), reqs("banned"), BaseSystem.NONE, true);

    private Path sub(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private DebianIndex index(String appVersion) {
        return Synthetic.index(dir, pkg("app", appVersion, "Depends: lib (>= 1.0)") + pkg("tool", "2") + pkg("lib", "1:1.2-3")
                + pkg("banned", "1"));
    }

    @Test
    void theLockIsExactAndReadsBack() throws IOException {
        DebianIndex index = index("1.5");
        LockFile lock = LockFile.of(index, index.resolver().resolve(request));
        String text = lock.text();
        String lib = index.candidate("lib").sha256();
        assertTrue(text.startsWith("# VSE lock file"), text);
        assertTrue(text.contains("""
                vse-lock 1
                distribution debian test amd64
                base none
                recommends yes
                snapshot 2000-01-01T00:00:00Z
                require app >= 1
                require tool
                forbid banned
                repository r1 http://127.0.0.1:9/debian test main
                """), text);
        assertTrue(text.contains("package lib 1:1.2-3 amd64 r1 " + lib + " 1000 pool/main/l/lib/lib_1%1.2-3_amd64.deb\n"), text);
        assertEquals(3, lock.packages().size());
        Path file = dir.resolve("climate.vse.lock");
        lock.write(file);
        LockFile back = LockFile.read(file);
        assertEquals(text, back.text());
        assertEquals(946684800L, back.sourceDateEpoch(), "image builds take their time from the repository's Release date");
        assertEquals(LockFile.Status.CURRENT, back.check(index, request).status());
    }

    @Test
    void aLockGoesStaleWhenTheRequestOrTheRepositoryChanges() {
        DebianIndex index = index("1.5");
        LockFile lock = LockFile.of(index, index.resolver().resolve(request));
        LockFile.Check changed = lock.check(index, new ResolveRequest(reqs("app >= 1"), reqs("banned"), BaseSystem.NONE, true));
        assertEquals(LockFile.Status.STALE, changed.status());
        assertEquals(List.of("the request changed; removed: tool"), changed.reasons());
        DebianIndex newer = Synthetic.index(sub("b"),
                pkg("app", "1.5", "Depends: lib (>= 1.0)") + pkg("app", "1.6", "Depends: lib (>= 1.0)") + pkg("tool", "2")
                        + pkg("lib", "1:1.2-3") + pkg("banned", "1"));
        LockFile.Check moved = lock.check(newer, request);
        assertEquals(LockFile.Status.STALE, moved.status());
        assertEquals(List.of("app 1.5 would become 1.6"), moved.reasons());
        DebianIndex gone = Synthetic.index(sub("c"),
                pkg("app", "1.6", "Depends: lib (>= 1.0)") + pkg("tool", "2") + pkg("lib", "1:1.2-3"));
        assertEquals(LockFile.Status.UNAVAILABLE, lock.check(gone, request).status());
        assertTrue(lock.check(gone, request).reasons().get(0).startsWith("app 1.5 (amd64) is no longer in the repository"));
    }

    @Test
    void aDamagedLockIsOneErrorNamingFileAndLine() {
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> LockFile.parse("vse-lock 1\ndistribution debian bookworm amd64\npackage x 1.0 amd64 r9 - 1 -\n", "env.vse.lock"));
        assertEquals("env.vse.lock: line 3: repository 'r9' is not declared above.", e.getMessage());
        e = assertThrows(RepositoryException.class, () -> LockFile.parse("hello\n", "env.vse.lock"));
        assertEquals("env.vse.lock: line 1: 'hello' is not a lock file record.", e.getMessage());
    }

    @Test
    void aResolutionWithProblemsCannotBeLocked() {
        DebianIndex index = index("1.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LockFile.of(index, index.resolver().resolve(ResolveRequest.of(reqs("nothing-here")))));
        assertTrue(e.getMessage().contains("'nothing-here' does not exist"), e.getMessage());
    }

    @Test
    @Tag("integration")
    void theHostLockIsDeterministic() throws IOException {
        DebianIndex index = HostIndex.get();
        List<PackageRequirement> reqs = HostResolverTest.HPC.stream().map(n -> PackageRequirement.of(n, n)).toList();
        List<PackageRequirement> reversed = new java.util.ArrayList<>(reqs);
        java.util.Collections.reverse(reversed);
        String a = LockFile.of(index, index.resolver().resolve(ResolveRequest.of(reqs))).text();
        String b = LockFile.of(index, index.resolver().resolve(ResolveRequest.of(reqs))).text();
        assertEquals(a, b);
        LockFile lock = LockFile.parse(a, "host.lock");
        assertTrue(lock.packages().size() > 400, "" + lock.packages().size());
        assertEquals(LockFile.Status.CURRENT, lock.check(index, ResolveRequest.of(reversed)).status(),
                lock.check(index, ResolveRequest.of(reversed)).reasons().toString());
        Files.writeString(dir.resolve("host.lock"), a);
    }
}
