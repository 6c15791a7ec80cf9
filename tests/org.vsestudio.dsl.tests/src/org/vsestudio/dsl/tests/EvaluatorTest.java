package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.EffectiveMachineSet;
import org.vsestudio.dsl.evaluation.EffectivePackages;
import org.vsestudio.dsl.evaluation.EffectiveProfile;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.FileStep;
import org.vsestudio.dsl.evaluation.NetworkInterface;
import org.vsestudio.dsl.evaluation.NodeGroup;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.evaluation.RepositorySource;
import org.vsestudio.dsl.evaluation.Reservation;
import org.vsestudio.dsl.evaluation.RunStep;
import org.vsestudio.dsl.evaluation.UsesEdge;
import org.vsestudio.dsl.vse.Declaration;
import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.Profile;
import org.vsestudio.dsl.vse.ProtectionLevel;

/** The effective environment, machine set and profile of declarations. */
class EvaluatorTest {

	private static final String SITE = """
			environment site.root {
			    distribution debian bookworm
			    architecture amd64
			    repositories from host
			    packages { munge slurm-client >= 22.05 vim }
			    reserved packages munge, slurm-client
			    reserved boot
			    boot options "console=ttyS0"
			    protection at least medium
			    files { delete "/etc/motd" }
			    run "echo root"
			    user admin uid 100
			}
			environment site.middle extends site.root {
			    architecture arm64
			    packages += { htop }
			    run "echo middle"
			    user admin uid 200
			    user scientist uid 1000
			}
			""";

	@Test
	void inheritanceOverSeveralLevels() {
		Model model = parse(SITE + """
				environment app.leaf extends site.middle {
				    distribution debian trixie
				    packages -= { vim munge }
				    packages += { slurm-client = 21.08 emacs }
				    boot options "quiet"
				    protection at least low
				    run "echo leaf"
				}
				""");
		EffectiveEnvironment leaf = new Evaluator().evaluate(declaration(model, Environment.class, "app.leaf"));

		assertTrue(leaf.complete());
		assertEquals(List.of("site.middle", "site.root"), leaf.bases());
		assertEquals("debian trixie", leaf.distribution().orElseThrow().value().toString());
		assertEquals("app.leaf", leaf.distribution().orElseThrow().environment());
		assertEquals("arm64", leaf.architecture().orElseThrow().value());
		assertInstanceOf(RepositorySource.Host.class, leaf.repositories().get(0));
		// reserved packages stay, with the base's constraints; vim is gone
		assertEquals(Set.of("munge", "slurm-client", "htop", "emacs"), Set.copyOf(leaf.packages().names()));
		assertEquals(">= 22.05", leaf.packages().requirement("slurm-client").orElseThrow().constraintText());
		// reserved boot options keep the base's value; the minimum protection is not lowered
		assertEquals("console=ttyS0", leaf.bootOptions().orElseThrow().value());
		assertEquals(ProtectionLevel.MEDIUM, leaf.minimumProtection().orElseThrow().value());
		assertEquals("site.root", leaf.minimumProtection().orElseThrow().environment());
		assertEquals(List.of("echo root", "echo middle", "echo leaf"), leaf.run().stream().map(RunStep::command).toList());
		assertEquals(List.of("admin:200", "scientist:1000"),
				leaf.users().stream().map(u -> u.name() + ":" + u.uid()).toList());
		assertEquals(List.of("/etc/motd"), leaf.files().stream().map(FileStep::path).toList());
		assertEquals(Set.of(Reservation.Kind.PACKAGE, Reservation.Kind.BOOT),
				Set.copyOf(leaf.reserved().stream().map(Reservation::kind).toList()));
		Reservation munge = leaf.reservedPackage("munge").orElseThrow();
		assertEquals("site.root", munge.environment());
		assertEquals(6, munge.origin().line());
	}

	@Test
	void replacingThePackageListKeepsReservedPackages() {
		Model model = parse(SITE + """
				environment app.replace extends site.root {
				    packages = { emacs }
				    protection at least high
				}
				""");
		EffectiveEnvironment replaced = new Evaluator().evaluate(declaration(model, Environment.class, "app.replace"));
		assertEquals(Set.of("emacs", "munge", "slurm-client"), Set.copyOf(replaced.packages().names()));
		assertEquals(ProtectionLevel.HIGH, replaced.minimumProtection().orElseThrow().value());
	}

	@Test
	void setAlgebra() {
		Model model = parse("""
				packageset p1 { x >= 1  y  conflicts mpich }
				packageset p2 { x < 2  z }
				packageset p3 { z }
				environment e.union { packages p1 + p2 }
				environment e.bar { packages p1 | p2 }
				environment e.intersection { packages p1 & p2 }
				environment e.difference { packages p1 - p2 }
				environment e.precedence { packages p1 - p2 & p3 }
				environment e.inline { packages { a b } + { a >= 3 } }
				""");
		Evaluator evaluator = new Evaluator();
		EffectivePackages union = evaluator.evaluate(declaration(model, Environment.class, "e.union")).packages();
		assertEquals(List.of("x", "y", "z"), union.names());
		PackageRequirement x = union.requirement("x").orElseThrow();
		assertEquals(">= 1, < 2", x.constraintText());
		assertEquals(List.of(1, 2), x.origins().stream().map(o -> o.line()).toList());
		assertEquals(List.of("mpich"), union.conflicts().stream().map(c -> c.name()).toList());
		assertEquals("p1", union.conflicts().get(0).declaredBy());
		assertEquals(List.of("p1", "p2"), union.sets().stream().map(s -> s.name()).toList());
		assertEquals(union.names(), evaluator.evaluate(declaration(model, Environment.class, "e.bar")).packages().names());

		EffectivePackages intersection = evaluator.evaluate(declaration(model, Environment.class, "e.intersection"))
				.packages();
		assertEquals(List.of("x"), intersection.names());
		assertEquals(">= 1, < 2", intersection.requirement("x").orElseThrow().constraintText());
		assertTrue(intersection.conflicts().isEmpty());
		assertTrue(intersection.sets().isEmpty());

		EffectivePackages difference = evaluator.evaluate(declaration(model, Environment.class, "e.difference"))
				.packages();
		assertEquals(List.of("y"), difference.names());
		assertEquals(List.of("p1"), difference.sets().stream().map(s -> s.name()).toList());

		// '&' binds tighter: p1 - (p2 & p3) removes only z, which p1 does not have
		assertEquals(List.of("x", "y"),
				evaluator.evaluate(declaration(model, Environment.class, "e.precedence")).packages().names());

		EffectivePackages p1 = evaluator.evaluate(declaration(model, PackageSet.class, "p1"));
		assertEquals(List.of("x", "y"), p1.names());
		assertEquals("p1", p1.sets().get(0).name());

		EffectivePackages inline = evaluator.evaluate(declaration(model, Environment.class, "e.inline")).packages();
		assertEquals(List.of("a", "b"), inline.names());
		assertEquals(">= 3", inline.requirement("a").orElseThrow().constraintText());
		assertEquals(9, inline.requirement("a").orElseThrow().addedBy().line());
	}

	@Test
	void settingsWrittenAgainOverrideTheBase() {
		Model model = parse(SITE + """
				environment app.mirror extends site.middle {
				    repository "http://mirror.example/debian" suite trixie components main contrib
				    files { copy "model/" to "/opt/model/" }
				}
				""");
		EffectiveEnvironment mirror = new Evaluator().evaluate(declaration(model, Environment.class, "app.mirror"));
		RepositorySource.Mirror repository = assertInstanceOf(RepositorySource.Mirror.class,
				mirror.repositories().get(0));
		assertEquals(1, mirror.repositories().size());
		assertEquals("trixie", repository.suite());
		assertEquals(List.of("main", "contrib"), repository.components());
		FileStep.Copy copy = assertInstanceOf(FileStep.Copy.class, mirror.files().get(1));
		assertEquals("model/", copy.source());
		assertTrue(copy.resolvedSource().toString().endsWith("/model/"), copy.resolvedSource()::toString);
	}

	@Test
	void brokenInheritanceStopsWithoutThrowing() {
		Model model = (Model) Parsing.parse(Parsing.newResourceSet(), """
				environment loop.a extends loop.b { packages += { a } }
				environment loop.b extends loop.a { packages += { b } }
				environment loop.c extends loop.a { }
				environment lost extends nowhere.base { packages { c } }
				profile p.a extends p.b { cpus 2 }
				profile p.b extends p.a { }
				""").getContents().get(0);
		Evaluator evaluator = new Evaluator();
		EffectiveEnvironment a = evaluator.evaluate(declaration(model, Environment.class, "loop.a"));
		// the chain is followed once around the cycle: loop.b's list, then loop.a's
		assertFalse(a.complete());
		assertEquals(List.of("b", "a"), a.packages().names());
		assertFalse(evaluator.evaluate(declaration(model, Environment.class, "loop.c")).complete());
		EffectiveEnvironment lost = evaluator.evaluate(declaration(model, Environment.class, "lost"));
		assertFalse(lost.complete());
		assertEquals(List.of("c"), lost.packages().names());
		EffectiveProfile profile = evaluator.evaluate(declaration(model, Profile.class, "p.a"));
		assertFalse(profile.complete());
		assertEquals(OptionalInt.of(2), profile.cpus());
	}

	@Test
	void brokenTextEvaluatesWithoutThrowing() {
		Resource resource = Parsing.parse(Parsing.newResourceSet(), """
				packageset p { a >= }
				environment e extends { packages += p & { b } - }
				machines m { group g nodes n[1- runs e  deploy g as  sandbox }
				machines n = m + (
				profile q extends q { memory GiB nic { mac network } }
				""");
		assertFalse(resource.getErrors().isEmpty());
		Evaluator evaluator = new Evaluator();
		Model model = (Model) resource.getContents().get(0);
		for (Declaration d : model.getDeclarations()) {
			if (d instanceof Environment e) {
				evaluator.evaluate(e);
			} else if (d instanceof MachineSet m) {
				evaluator.evaluate(m);
			} else if (d instanceof Profile p) {
				evaluator.evaluate(p);
			}
		}
	}

	@Test
	void machineSets() {
		Model model = parse(SITE + """
				profile vm.small { memory 512 MiB  cpus 1  disk 8 GiB  nic { network nat } }
				profile vm.large extends vm.small {
				    memory 2 GiB
				    disk 1 TiB
				    nic { mac 52:54:00:12:34:56 network bridge "br0" }
				}
				machines m.cluster {
				    group head count 1 runs site.middle profile vm.large
				    group compute nodes n[001-128,200] runs site.root profile vm.small
				    group io nodes io[01-04] runs site.root
				    compute uses head
				    io uses head
				    deploy head as virtual
				    deploy compute as diskless nfs
				    deploy io as diskfull
				    sandbox compute count 2
				}
				machines m.other { group io count 2 runs site.root  group login count 1 runs site.root }
				machines m.all = m.cluster + m.other
				machines m.shared = m.cluster & m.other
				machines m.rest = m.cluster - m.other
				machines m.loop1 = m.loop2 + m.cluster
				machines m.loop2 = m.loop1
				""");
		Evaluator evaluator = new Evaluator();
		EffectiveMachineSet cluster = evaluator.evaluate(declaration(model, MachineSet.class, "m.cluster"));
		assertTrue(cluster.complete());
		assertEquals(List.of("head", "compute", "io"), cluster.groups().stream().map(NodeGroup::name).toList());
		NodeGroup compute = cluster.group("compute").orElseThrow();
		assertEquals(129, compute.count());
		assertEquals("n001", compute.hosts().orElseThrow().first());
		assertEquals(OptionalInt.of(2), compute.sandboxCount());
		assertEquals("site.root", compute.environment().orElseThrow().name());
		assertEquals(DeploymentMode.DISKLESS_NFS, compute.deployment().orElseThrow().mode());
		assertEquals(ProtectionLevel.MEDIUM, compute.deployment().orElseThrow().protection());
		assertEquals(ProtectionLevel.HIGH, cluster.group("head").orElseThrow().deployment().orElseThrow().protection());
		assertEquals(ProtectionLevel.LOW, cluster.group("io").orElseThrow().deployment().orElseThrow().protection());
		assertEquals(134, cluster.nodeCount());
		assertEquals(List.of("compute>head", "io>head"),
				cluster.uses().stream().map(u -> u.client() + ">" + u.server()).toList());

		EffectiveProfile large = cluster.group("head").orElseThrow().profile().orElseThrow();
		assertEquals(OptionalLong.of(2048), large.memoryMiB());
		assertEquals(OptionalLong.of(1024 * 1024), large.diskMiB());
		assertEquals(OptionalInt.of(1), large.cpus());
		assertEquals(List.of("52:54:00:12:34:56"),
				large.nics().stream().map(n -> n.mac().orElseThrow()).toList());
		assertEquals(NetworkInterface.Network.BRIDGE, large.nics().get(0).network());
		assertEquals(List.of("vm.small"), large.bases());

		EffectiveMachineSet all = evaluator.evaluate(declaration(model, MachineSet.class, "m.all"));
		assertEquals(List.of("head", "compute", "io", "login"), all.groups().stream().map(NodeGroup::name).toList());
		assertEquals("m.cluster", all.group("io").orElseThrow().machineSet());
		EffectiveMachineSet shared = evaluator.evaluate(declaration(model, MachineSet.class, "m.shared"));
		assertEquals(List.of("io"), shared.groups().stream().map(NodeGroup::name).toList());
		assertEquals(List.of(), shared.uses());
		EffectiveMachineSet rest = evaluator.evaluate(declaration(model, MachineSet.class, "m.rest"));
		assertEquals(List.of("head", "compute"), rest.groups().stream().map(NodeGroup::name).toList());
		assertEquals(List.of("compute"), rest.uses().stream().map(UsesEdge::client).toList());

		EffectiveMachineSet loop = evaluator.evaluate(declaration(model, MachineSet.class, "m.loop1"));
		assertFalse(loop.complete());
	}

	private static Model parse(String text) {
		return Parsing.parseValid(text);
	}

	static <T extends Declaration> T declaration(Model model, Class<T> type, String name) {
		return model.getDeclarations().stream().filter(type::isInstance).map(type::cast)
				.filter(d -> name.equals(d.getName())).findFirst().orElseThrow(() -> new AssertionError(name));
	}
}
