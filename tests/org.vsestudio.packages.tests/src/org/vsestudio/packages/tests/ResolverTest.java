package org.vsestudio.packages.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vsestudio.packages.tests.Synthetic.pkg;
import static org.vsestudio.packages.tests.Synthetic.reqs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.Problem;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

/** The resolver's logic on small made-up repositories. */
class ResolverTest {

    @TempDir
    Path dir;

    private Resolution resolve(DebianIndex index, String... requirements) {
        return index.resolver().resolve(new ResolveRequest(reqs(requirements), List.of(), BaseSystem.NONE, true));
    }

    @Test
    void closureFollowsDependsAndPreDependsWithNewestVersions() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1.0", "Depends: liba (>= 2), libb")
                        + pkg("liba", "2.1") + pkg("liba", "1.0")
                        + pkg("libb", "1:0.5", "Pre-Depends: libc")
                        + pkg("libc", "3.0") + pkg("unrelated", "1"),
                pkg("liba", "2.2"));
        Resolution r = resolve(index, "app");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("{app=1.0, liba=2.2, libb=1:0.5, libc=3.0}", r.versions().toString());
        assertEquals("test-updates1", r.get("liba").repository().suite());
        assertEquals("[app (1.0) Depends: libb, libb (1:0.5) Pre-Depends: libc]", r.why("libc").toString());
    }

    @Test
    void alternativesTakeTheFirstUnlessAnotherIsAlreadyThere() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: first | second") + pkg("a-other", "1", "Depends: second")
                        + pkg("first", "1") + pkg("second", "1"));
        assertEquals("{app=1, first=1}", resolve(index, "app").versions().toString());
        // both asked for: requirements are followed in name order, a-other before app, so 'second' is there for app
        assertEquals("{a-other=1, app=1, second=1}", resolve(index, "app", "a-other").versions().toString());
    }

    @Test
    void virtualPackagesAndVersionedProvides() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: awk, libapi (>= 2)")
                        + pkg("mawk", "1.3", "Provides: awk", "Priority: required")
                        + pkg("gawk", "5", "Provides: awk", "Priority: optional")
                        + pkg("impl-old", "1", "Provides: libapi")
                        + pkg("impl-new", "1", "Provides: libapi (= 2.5)"));
        Resolution r = resolve(index, "app");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("{app=1, impl-new=1, mawk=1.3}", r.versions().toString(),
                "the required provider of awk is preferred; an unversioned Provides cannot satisfy a versioned dependency");
        assertTrue(index.isVirtual("awk"));
        assertEquals(2, index.providers("awk").size());
    }

    @Test
    void multiArchAnyNeedsMultiArchAllowed() {
        DebianIndex index = Synthetic.index(dir,
                pkg("tool", "1", "Depends: python3:any, perlish:any")
                        + pkg("python3", "3.11", "Multi-Arch: allowed")
                        + pkg("perlish", "5", "Multi-Arch: same"));
        Resolution r = resolve(index, "tool");
        Problem.Unsatisfiable p = assertInstanceOf(Problem.Unsatisfiable.class, r.problems().get(0));
        assertEquals("'tool' cannot be installed: tool (1) Depends: perlish:any; but 'perlish' is not Multi-Arch: allowed, "
                + "so nothing satisfies perlish:any.", p.message());
        assertEquals(List.of("origin:tool"), p.origins());
    }

    @Test
    void unsatisfiableVersionIsExplainedByTheShortestChain() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: long1, short1")
                        + pkg("long1", "1", "Depends: long2") + pkg("long2", "1", "Depends: long3")
                        + pkg("long3", "1", "Depends: mid")
                        + pkg("short1", "1", "Depends: mid")
                        + pkg("mid", "1", "Depends: base (>= 2.0) | base-ng")
                        + pkg("base", "1.5") + pkg("base", "1.0"));
        Resolution r = resolve(index, "app");
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.problems().toString());
        Problem.Unsatisfiable p = assertInstanceOf(Problem.Unsatisfiable.class, r.problems().get(0));
        assertEquals("'app' cannot be installed: app (1) Depends: short1, short1 (1) Depends: mid, "
                + "mid (1) Depends: base (>= 2.0) | base-ng; but 'base' has only 1.5, 1.0; "
                + "there is no package 'base-ng' in debian test (amd64).", p.message());
        assertEquals(3, p.chain().size());
    }

    @Test
    void requestedPackagesThatConflictThroughAVirtualPackage() {
        DebianIndex index = Synthetic.index(dir,
                pkg("mta-one", "1", "Provides: mail-transport-agent", "Conflicts: mail-transport-agent")
                        + pkg("mta-two", "2", "Provides: mail-transport-agent", "Conflicts: mail-transport-agent"));
        Resolution r = resolve(index, "mta-one", "mta-two");
        Problem.Conflict c = assertInstanceOf(Problem.Conflict.class, r.problems().get(0));
        assertEquals("'mta-two' and 'mta-one' cannot be installed together: mta-two (2) Conflicts: mail-transport-agent, "
                + "which mta-one (1) provides.", c.message());
        assertEquals(List.of("origin:mta-two", "origin:mta-one"), c.origins());
    }

    @Test
    void aConflictDeepInTheClosureNamesBothChains() {
        DebianIndex index = Synthetic.index(dir,
                pkg("left", "1", "Depends: l2") + pkg("l2", "1", "Depends: old-lib")
                        + pkg("right", "1", "Depends: r2") + pkg("r2", "1", "Breaks: old-lib (<< 2)")
                        + pkg("old-lib", "1.5"));
        Resolution r = resolve(index, "right", "left");
        Problem.Conflict c = assertInstanceOf(Problem.Conflict.class, r.problems().get(0));
        assertEquals("'right' and 'left' cannot be installed together: r2 (1) Breaks: old-lib (<< 2), and old-lib (1.5) is "
                + "such a version. 'right' needs it: right (1) Depends: r2. "
                + "'left' needs the other: left (1) Depends: l2, l2 (1) Depends: old-lib.", c.message());
        assertEquals(List.of("origin:right", "origin:left"), c.origins());
    }

    @Test
    void anAlternativeAvoidsAConflict() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: impl-a | impl-b")
                        + pkg("impl-a", "1", "Conflicts: server")
                        + pkg("impl-b", "1")
                        + pkg("server", "1"));
        assertEquals("{app=1, impl-b=1, server=1}", resolve(index, "server", "app").versions().toString());
    }

    @Test
    void aChoiceEarlierInTheChainIsRevisedWhenItLeadsToAConflict() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: via-p | via-q")
                        + pkg("via-p", "1", "Depends: deep") + pkg("deep", "1", "Conflicts: server")
                        + pkg("via-q", "1")
                        + pkg("server", "1"));
        Resolution r = resolve(index, "server", "app");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("{app=1, server=1, via-q=1}", r.versions().toString());
    }

    @Test
    void anOlderVersionIsTakenWhenTheNewestConflicts() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Depends: lib") + pkg("lib", "2", "Breaks: server") + pkg("lib", "1") + pkg("server", "1"));
        assertEquals("{app=1, lib=1, server=1}", resolve(index, "server", "app").versions().toString());
    }

    @Test
    void recommendsAreInstalledWhereTheyCanBe() {
        DebianIndex index = Synthetic.index(dir,
                pkg("app", "1", "Recommends: nice, clash, missing") + pkg("nice", "1") + pkg("clash", "1", "Conflicts: app"));
        Resolution r = resolve(index, "app");
        assertTrue(r.ok(), r.problems().toString());
        assertEquals("{app=1, nice=1}", r.versions().toString());
        assertEquals("{app=1}", index.resolver().resolve(ResolveRequest.of(reqs("app")).withBase(BaseSystem.NONE)
                .withRecommends(false)).versions().toString());
    }

    @Test
    void forbiddenPackagesAreReportedWithTheChainThatNeedsThem() {
        DebianIndex index = Synthetic.index(dir, pkg("app", "1", "Depends: helper") + pkg("helper", "1", "Depends: banned")
                + pkg("banned", "1"));
        Resolution r = index.resolver().resolve(new ResolveRequest(reqs("app"), reqs("banned"), BaseSystem.NONE, true));
        Problem.Forbidden f = assertInstanceOf(Problem.Forbidden.class, r.problems().get(0));
        assertEquals("'app' needs 'banned', which is declared a conflict: app (1) Depends: helper, helper (1) Depends: banned.",
                f.message());
        assertEquals(List.of("origin:app", "origin:banned"), f.origins());
    }

    @Test
    void theBaseSystemIsEssentialAndRequiredPackages() {
        DebianIndex index = Synthetic.index(dir, pkg("app", "1") + pkg("coreutils", "9", "Essential: yes", "Priority: required")
                + pkg("init-thing", "1", "Priority: required", "Depends: helper") + pkg("helper", "1")
                + pkg("nice-to-have", "1", "Priority: important"));
        assertEquals("{app=1, coreutils=9}", index.resolver().resolve(ResolveRequest.of(reqs("app")).withBase(BaseSystem.ESSENTIAL))
                .versions().toString());
        Resolution r = index.resolver().resolve(ResolveRequest.of(reqs("app")));
        assertEquals("{app=1, coreutils=9, helper=1, init-thing=1}", r.versions().toString());
        assertEquals("[init-thing (1) Depends: helper]", r.why("helper").toString());
    }

    @Test
    void requirementsCheckedByThemselvesFirst() {
        DebianIndex index = Synthetic.index(dir, pkg("openmpi-bin", "4.1.4-3") + pkg("openmpi-common", "4.1.4-3"));
        Resolution r = resolve(index, "opnempi-bin", "openmpi-bin >= 99.0", "openmpi-common");
        assertEquals(2, r.problems().size());
        assertEquals("Package 'opnempi-bin' does not exist in debian test (amd64). Did you mean 'openmpi-bin'?",
                r.problems().get(0).message());
        assertEquals("No available version of 'openmpi-bin' satisfies >= 99.0: debian test (amd64) has 4.1.4-3.",
                r.problems().get(1).message());
        assertEquals(List.of(r.problems().get(1)), r.problemsOf("origin:openmpi-bin >= 99.0"));
        assertEquals("{openmpi-common=4.1.4-3}", r.versions().toString());
        assertNull(r.get("openmpi-bin"));
    }
}
