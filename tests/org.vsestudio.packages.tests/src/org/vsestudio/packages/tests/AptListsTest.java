package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.RepositoryException;
import org.vsestudio.packages.RepositoryMismatchException;

/** Finding the lists of a release and architecture among apt's files. */
class AptListsTest {

    @TempDir
    Path dir;

    private static String release(String codename, String suite, byte[] packages) {
        return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: Test\nLabel: Test\nSuite: " + suite + "\nCodename: "
                + codename + "\nDate: Sat, 01 Jan 2000 00:00:00 UTC\nArchitectures: amd64 arm64\nComponents: main\nSHA256:\n "
                + DebianIndexTest.sha256(packages) + " " + packages.length + " main/binary-amd64/Packages\n"
                + "-----BEGIN PGP SIGNATURE-----\n\nnot checked\n-----END PGP SIGNATURE-----\n";
    }

    @Test
    void listsAreFoundByTheirQuotedNamesAndTheSchemeComesFromTheSources() throws IOException {
        Path lists = Files.createDirectories(dir.resolve("lists"));
        Path etc = Files.createDirectories(dir.resolve("etc/sources.list.d"));
        Files.writeString(etc.resolve("test.sources"), "Types: deb\nURIs: https://127.0.0.1:8443/deb_ian\nSuites: stable\n");
        byte[] packages = (Synthetic.pkg("hello", "1.0")).getBytes(StandardCharsets.UTF_8);
        String prefix = "127.0.0.1:8443_deb%5fian_dists_stable_";
        Files.writeString(lists.resolve(prefix + "InRelease"), release("stable", "stable", packages));
        Files.write(lists.resolve(prefix + "main_binary-amd64_Packages.gz"), DebianIndexTest.gzip(packages));
        Files.write(lists.resolve(prefix + "main_binary-amd64_Packages"), packages);
        Files.writeString(lists.resolve("127.0.0.1_other_dists_sid_InRelease"), release("sid", "unstable", packages));
        AptLists apt = AptLists.scan(lists, etc.getParent());
        AptLists.Selection s = apt.select("stable", "amd64");
        assertEquals(1, s.files().size());
        PackagesFile f = s.files().get(0);
        assertEquals(prefix + "main_binary-amd64_Packages", f.path().getFileName().toString(), "the uncompressed file is cheaper");
        assertEquals("https://127.0.0.1:8443/deb_ian stable main", f.repository().id());
        assertEquals(packages.length, f.size());
        assertEquals(List.of("http://127.0.0.1/other sid: serves sid, not stable"), s.skipped());
        assertEquals(1, DebianIndex.load("stable", "amd64", s.files(), Progress.NONE).size());
        RepositoryException e = assertThrows(RepositoryMismatchException.class, () -> apt.select("bookworm", "amd64"));
        assertEquals(lists + ": the host's apt lists serve sid, stable, not bookworm for amd64; configure apt for it and run "
                + "'apt-get update', or name a repository.", e.getMessage());
        e = assertThrows(RepositoryMismatchException.class, () -> apt.select("stable", "riscv64"));
        assertTrue(e.getMessage().contains("serve stable only for amd64, not stable for riscv64"), e.getMessage());
    }

    @Test
    void noListsAtAllIsNotAMismatch() throws IOException {
        Path lists = Files.createDirectories(dir.resolve("empty-lists"));
        AptLists apt = AptLists.scan(lists, dir.resolve("no-etc"));
        RepositoryException e = assertThrows(RepositoryException.class, () -> apt.select("bookworm", "amd64"));
        assertFalse(e instanceof RepositoryMismatchException, e::toString);
        assertTrue(e.getMessage().contains("the host's apt lists serve nothing, not bookworm for amd64"), e.getMessage());
    }

    @Test
    @Tag("integration")
    void theHostListsServeTheirReleaseWithChecksums() throws IOException {
        AptLists host = AptLists.host();
        DebianIndex index = HostIndex.get();
        List<PackagesFile> files = host.select(index.release(), index.architecture()).files();
        assertTrue(files.stream().allMatch(f -> f.sha256() != null && f.size() > 0), files.toString());
        assertEquals(index.release(), files.get(0).repository().codename(), "the main suite comes first");
    }
}
