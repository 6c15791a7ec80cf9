package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsestudio.dsl.vse.BootOptions;
import org.vsestudio.dsl.vse.BridgeNetwork;
import org.vsestudio.dsl.vse.Cpus;
import org.vsestudio.dsl.vse.Declaration;
import org.vsestudio.dsl.vse.Deployment;
import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.Disk;
import org.vsestudio.dsl.vse.Distribution;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.EnvironmentStatement;
import org.vsestudio.dsl.vse.FileAppend;
import org.vsestudio.dsl.vse.FileCopy;
import org.vsestudio.dsl.vse.FileDelete;
import org.vsestudio.dsl.vse.FileLink;
import org.vsestudio.dsl.vse.FileReplace;
import org.vsestudio.dsl.vse.Files;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.Import;
import org.vsestudio.dsl.vse.InlineSet;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.MachineSetOperation;
import org.vsestudio.dsl.vse.MachineSetReference;
import org.vsestudio.dsl.vse.Memory;
import org.vsestudio.dsl.vse.MinimumProtection;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.NatNetwork;
import org.vsestudio.dsl.vse.Nic;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.PackageSetReference;
import org.vsestudio.dsl.vse.Packages;
import org.vsestudio.dsl.vse.PackagesOperator;
import org.vsestudio.dsl.vse.Profile;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.dsl.vse.ReservableSetting;
import org.vsestudio.dsl.vse.ReservedPackages;
import org.vsestudio.dsl.vse.ReservedSetting;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.Sandbox;
import org.vsestudio.dsl.vse.SetExpression;
import org.vsestudio.dsl.vse.SetOperation;
import org.vsestudio.dsl.vse.SetOperator;
import org.vsestudio.dsl.vse.SizeUnit;
import org.vsestudio.dsl.vse.User;
import org.vsestudio.dsl.vse.Uses;
import org.vsestudio.dsl.vse.VersionConstraint;
import org.vsestudio.dsl.vse.VersionOperator;

/** The grammar reads every construct of the language into the model a validator expects. */
class GrammarTest {

	private static Model model;

	@BeforeAll
	static void parse() {
		model = Parsing.parseValid(AllConstructs.TEXT);
	}

	@Test
	void imports() {
		assertEquals(List.of("site.*", "site.base"),
				model.getImports().stream().map(Import::getImportedNamespace).toList());
	}

	@Test
	void packageNamesOperatorsAndVersions() {
		PackageSet core = declaration(PackageSet.class, "lib.core");
		assertEquals("debian", core.getDistribution());
		assertEquals("bookworm", core.getRelease());
		assertEquals("""
				build-essential
				python3-scipy >= 1.10 < 1.12
				python3-numpy >= 1.24 < 2
				linux-image-amd64
				g++ = 4:12.2.0-3
				libstdc++6 = 12.2.0-14
				libc6:i386 > 2.36
				htop = 3.2.2-2
				foo > 1:2.0~rc1+dfsg
				bar < 22.05
				baz <= 4.1
				qux <= 5
				slurm-client >= 22.05
				at
				""", core.getRequirements().stream().map(GrammarTest::text).collect(Collectors.joining("\n", "", "\n")));
		assertEquals(List.of("mpich"), core.getPackageConflicts().stream().map(c -> c.getPackageName()).toList());
	}

	@Test
	void packageSetHeader() {
		PackageSet extra = declaration(PackageSet.class, "lib.extra");
		assertEquals("rhel", extra.getDistribution());
		assertEquals("9", extra.getRelease());
		assertEquals(List.of(declaration(PackageSet.class, "lib.core"), declaration(PackageSet.class, "lib.more")),
				extra.getRequiredSets());
		assertEquals(List.of(declaration(PackageSet.class, "lib.other")), extra.getConflictingSets());
		assertEquals("openmpi-bin >= 4.1", text(extra.getRequirements().get(0)));
		assertNull(declaration(PackageSet.class, "lib.more").getDistribution());
	}

	@Test
	void environmentStatementsInOrder() {
		Environment base = declaration(Environment.class, "site.base");
		List<EnvironmentStatement> s = base.getStatements();
		assertEquals(List.of("Distribution", "Architecture", "HostRepositories", "Repository", "Packages",
				"ReservedPackages", "ReservedSetting", "ReservedSetting", "ReservedSetting", "BootOptions",
				"MinimumProtection"), s.stream().map(x -> x.eClass().getName()).toList());
		assertEquals("bookworm", ((Distribution) s.get(0)).getRelease());
		org.vsestudio.dsl.vse.Repository repository = (org.vsestudio.dsl.vse.Repository) s.get(3);
		assertEquals("http://mirror.example/debian", repository.getUrl());
		assertEquals("bookworm", repository.getSuite());
		assertEquals(List.of("main", "contrib", "non-free-firmware"), repository.getComponents());
		assertEquals(List.of("munge", "systemd-sysv"), ((ReservedPackages) s.get(5)).getPackages());
		assertEquals(List.of(ReservableSetting.BOOT, ReservableSetting.REPOSITORIES, ReservableSetting.PROTECTION),
				s.subList(6, 9).stream().map(r -> ((ReservedSetting) r).getSetting()).toList());
		assertEquals("console=ttyS0 quiet", ((BootOptions) s.get(9)).getOptions());
		assertEquals(ProtectionLevel.HIGH, ((MinimumProtection) s.get(10)).getLevel());
	}

	@Test
	void packagesOperators() {
		Environment app = declaration(Environment.class, "app.env");
		assertSame(declaration(Environment.class, "site.base"), app.getBase());
		List<Packages> packages = app.getStatements().stream().filter(Packages.class::isInstance)
				.map(Packages.class::cast).toList();
		assertEquals(List.of(PackagesOperator.REPLACE, PackagesOperator.REPLACE, PackagesOperator.ADD,
				PackagesOperator.ADD, PackagesOperator.REMOVE), packages.stream().map(Packages::getOperator).toList());
		assertEquals(List.of("lib.core", "(lib.core + lib.more)",
				"((lib.core + (lib.more & lib.other)) - lib.extra)", "((lib.core - lib.more) & {htop})", "{munge}"),
				packages.stream().map(p -> text(p.getPackages())).toList());
	}

	@Test
	void files() {
		Environment app = declaration(Environment.class, "app.env");
		Files files = (Files) app.getStatements().stream().filter(Files.class::isInstance).findFirst().orElseThrow();
		FileCopy copy = (FileCopy) files.getOperations().get(0);
		assertEquals("model/", copy.getSource());
		assertEquals("/opt/model/", copy.getTarget());
		FileLink link = (FileLink) files.getOperations().get(1);
		assertEquals("/opt/model/hello", link.getTarget());
		assertEquals("/usr/local/bin/hello", link.getLink());
		assertEquals("/etc/motd", ((FileDelete) files.getOperations().get(2)).getPath());
		FileAppend append = (FileAppend) files.getOperations().get(3);
		assertEquals("/etc/security/limits.conf", append.getFile());
		assertEquals("* soft memlock unlimited", append.getLine());
		FileReplace replace = (FileReplace) files.getOperations().get(4);
		assertEquals("/etc/ssh/sshd_config", replace.getFile());
		assertEquals("^#?PermitRootLogin.*$", replace.getPattern());
		assertEquals("PermitRootLogin no", replace.getReplacement());
		User user = (User) app.getStatements().stream().filter(User.class::isInstance).findFirst().orElseThrow();
		assertEquals("scientist", user.getName());
		assertEquals(1000, user.getUid());
	}

	@Test
	void machineSet() {
		MachineSet cluster = declaration(MachineSet.class, "app.cluster");
		List<Group> groups = cluster.getMembers().stream().filter(Group.class::isInstance).map(Group.class::cast)
				.toList();
		assertEquals(List.of("head", "compute", "io", "single", "racks", "spare"),
				groups.stream().map(Group::getName).toList());
		assertEquals(1, groups.get(0).getCount());
		assertNull(groups.get(0).getNodes());
		assertEquals("app.large", groups.get(0).getProfile().getName());
		assertEquals(List.of("n[001-128,200]", "io[01-04]", "node17", "rack[1-2]n[01-10],login1,login[2-3]"),
				groups.subList(1, 5).stream().map(Group::getNodes).toList());
		assertSame(declaration(Environment.class, "app.env"), groups.get(1).getEnvironment());
		assertNull(groups.get(5).getEnvironment());

		Uses uses = (Uses) cluster.getMembers().get(6);
		assertSame(groups.get(1), uses.getClient());
		assertSame(groups.get(0), uses.getServer());
		assertEquals(List.of(DeploymentMode.VIRTUAL, DeploymentMode.DISKLESS_NFS, DeploymentMode.DISKLESS_RAMFS,
				DeploymentMode.DISKFULL),
				cluster.getMembers().stream().filter(Deployment.class::isInstance)
						.map(d -> ((Deployment) d).getMode()).toList());
		Sandbox sandbox = (Sandbox) cluster.getMembers().get(cluster.getMembers().size() - 1);
		assertSame(groups.get(1), sandbox.getGroup());
		assertEquals(2, sandbox.getCount());
	}

	@Test
	void machineSetExpressions() {
		MachineSetOperation all = (MachineSetOperation) declaration(MachineSet.class, "app.all").getExpression();
		assertEquals(SetOperator.UNION, all.getOperator());
		assertSame(declaration(MachineSet.class, "app.cluster"), ((MachineSetReference) all.getLeft()).getMachineSet());
		assertEquals(SetOperator.UNION,
				((MachineSetOperation) declaration(MachineSet.class, "app.any").getExpression()).getOperator());
		assertEquals(SetOperator.INTERSECTION,
				((MachineSetOperation) declaration(MachineSet.class, "app.shared").getExpression()).getOperator());
		MachineSetOperation rest = (MachineSetOperation) declaration(MachineSet.class, "app.rest").getExpression();
		assertEquals(SetOperator.UNION, rest.getOperator());
		assertEquals(SetOperator.DIFFERENCE, ((MachineSetOperation) rest.getLeft()).getOperator());
		assertTrue(declaration(MachineSet.class, "app.all").getMembers().isEmpty());
	}

	@Test
	void profiles() {
		Profile small = declaration(Profile.class, "app.small");
		Profile large = declaration(Profile.class, "app.large");
		assertSame(small, large.getBase());
		Memory memory = (Memory) small.getSettings().get(0);
		assertEquals(512, memory.getSize().getAmount());
		assertEquals(SizeUnit.MIB, memory.getSize().getUnit());
		assertEquals(1, ((Cpus) small.getSettings().get(1)).getCount());
		assertEquals(SizeUnit.GIB, ((Disk) small.getSettings().get(2)).getSize().getUnit());
		Nic nat = (Nic) small.getSettings().get(3);
		assertNull(nat.getMac());
		assertInstanceOf(NatNetwork.class, nat.getNetwork());

		assertEquals(SizeUnit.TIB, ((Disk) large.getSettings().get(2)).getSize().getUnit());
		List<Nic> nics = large.getSettings().stream().filter(Nic.class::isInstance).map(Nic.class::cast).toList();
		assertEquals(List.of("52:54:00:12:34:56", "01:00:5e:00:00:01", "de:ad:be:ef:00:01"),
				nics.stream().map(Nic::getMac).toList());
		assertEquals("br0", ((BridgeNetwork) nics.get(0).getNetwork()).getBridge());
		assertInstanceOf(NatNetwork.class, nics.get(1).getNetwork());
	}

	@ParameterizedTest(name = "[{index}] line {1}: {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
		// an operator that does not exist
		"environment e {\\n    packages { openmpi-bin => 4.1 }\\n}                      | 2",
		"packageset p {\\n  a > = 1\\n}                                                | 2",
		"packageset p { a (>= 1 & ) }                                                    | 1",
		"packageset p { conflicts }                                                      | 1",
		"import a. *                                                                     | 1",
		"profile p { memory 4 GB }                                                       | 1",
		"profile p {\\n nic { mac 52:54:00:12:34:56 }\\n}                                | 2",
		"machines m { group a count 1 runs e\\n  deploy a as diskless }                  | 2",
		"machines m { group a nodes n[1-4 runs e }                                       | 1",
		"environment e { user root uid }                                                 | 1",
		"environment e { files { copy \"a\" } }                                          | 1",
		"environment e {\\n distribution debian bookworm\\n                              | 2",
	})
	void syntaxError(String text, int line) {
		Resource resource = Parsing.parse(Parsing.newResourceSet(), text.replace("\\n", "\n"));
		List<Resource.Diagnostic> errors = Parsing.syntaxErrors(resource);
		assertFalse(errors.isEmpty(), "no syntax error");
		assertEquals(line, errors.get(0).getLine(), () -> Parsing.describe(errors));
	}

	@Test
	void operatorsNeedNoSpaceOnTheirRight() {
		PackageSet p = (PackageSet) Parsing.parseValid("packageset p { a>=1.0 b<2 c=3 }").getDeclarations().get(0);
		assertEquals(List.of("a >= 1.0", "b < 2", "c = 3"), p.getRequirements().stream().map(GrammarTest::text).toList());
	}

	private static <T extends Declaration> T declaration(Class<T> type, String name) {
		return model.getDeclarations().stream().filter(type::isInstance).map(type::cast)
				.filter(d -> name.equals(d.getName())).findFirst().orElseThrow(() -> new AssertionError(name));
	}

	private static String text(Requirement requirement) {
		StringBuilder b = new StringBuilder(requirement.getPackageName());
		for (VersionConstraint c : requirement.getConstraints()) {
			b.append(' ').append(symbol(c.getOperator())).append(' ').append(c.getVersion());
		}
		return b.toString();
	}

	private static String symbol(VersionOperator operator) {
		return switch (operator) {
			case EQ -> "=";
			case GT -> ">";
			case LT -> "<";
			case GE -> ">=";
			case LE -> "<=";
		};
	}

	private static String text(SetExpression e) {
		if (e instanceof SetOperation o) {
			String op = switch (o.getOperator()) {
				case UNION -> "+";
				case INTERSECTION -> "&";
				case DIFFERENCE -> "-";
			};
			return "(" + text(o.getLeft()) + " " + op + " " + text(o.getRight()) + ")";
		}
		if (e instanceof PackageSetReference r) {
			return r.getPackageSet().getName();
		}
		return ((InlineSet) e).getRequirements().stream().map(GrammarTest::text)
				.collect(Collectors.joining(" ", "{", "}"));
	}
}
