package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsestudio.dsl.validation.IssueCodes;

/** Each rule of validation: the diagnostic a user sees, its line, its words and its issue code. */
class VseValidatorTest {

	private static final String BASE = """
			environment site.base {
			    distribution debian bookworm
			    architecture amd64
			    repositories from host
			    packages { munge slurm-client >= 22.05 }
			    reserved packages munge, slurm-client
			    reserved boot
			    reserved repositories
			    boot options "console=ttyS0"
			    protection at least medium
			}
			""";

	// ---------------------------------------------------------------- names and versions

	@Test
	void namesEndingWithADot() {
		List<Issue> issues = validate("packageset ornl. { }\nprofile a..b { }");
		assertIssue(issues, IssueCodes.INVALID_NAME, 1, "'ornl.'");
		assertIssue(issues, IssueCodes.INVALID_NAME, 2, "empty part");
	}

	@Test
	void duplicateNamesInOneFile() {
		List<Issue> issues = validate("packageset a.b { }\nenvironment a.b { }");
		assertIssue(issues, IssueCodes.DUPLICATE_NAME, 1, "line 2");
		assertIssue(issues, IssueCodes.DUPLICATE_NAME, 2, "line 1");
	}

	@Test
	void duplicateNamesAcrossFiles() {
		XtextResourceSet set = Parsing.newResourceSet();
		Resource first = Parsing.parse(set, "packageset a.b { }");
		Resource second = Parsing.parse(set, "\nprofile a.b { }");
		assertIssue(validate(second), IssueCodes.DUPLICATE_NAME, 2, "a.b");
		assertIssue(validate(first), IssueCodes.DUPLICATE_NAME, 1, "line 2");
	}

	@Test
	void invalidVersions() {
		List<Issue> issues = validate("packageset p {\n a >= abc\n b = 1:\n c (>= 1.0 & < 2.0) }");
		assertIssue(issues, IssueCodes.INVALID_VERSION, 2, "must start with a digit");
		assertIssue(issues, IssueCodes.INVALID_VERSION, 3, "no upstream part");
		assertEquals(2, issues.size(), issues::toString);
	}

	@Test
	void constraintsThatContradictThemselves() {
		List<Issue> issues = validate("""
				packageset p {
				    a (gt 1.11 & lt 1.10)
				    b (= 1 & = 2)
				    c (> 1 & < 1)
				    d (>= 1 & <= 1)
				    e (>= 1:1.0 & < 2.0)
				    f (> 1 & < 1.0)
				}
				""");
		assertIssue(issues, IssueCodes.UNSATISFIABLE_CONSTRAINT, 2, "no version of 'a' can satisfy both > 1.11 and < 1.10");
		assertIssue(issues, IssueCodes.UNSATISFIABLE_CONSTRAINT, 3, "'b'");
		assertIssue(issues, IssueCodes.UNSATISFIABLE_CONSTRAINT, 4, "'c'");
		assertIssue(issues, IssueCodes.UNSATISFIABLE_CONSTRAINT, 6, "'e'");
		assertEquals(4, issues.size(), issues::toString);
	}

	@Test
	void constraintsCombinedFromTwoPlaces() {
		List<Issue> issues = validate("""
				packageset p { x >= 2 }
				environment e {
				    packages p
				    packages += { x < 1 }
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.UNSATISFIABLE_CONSTRAINT, 4, ">= 2 (text");
		assertTrue(issue.getMessage().contains("line 1") && issue.getMessage().contains("line 4"), issue::getMessage);
	}

	// ---------------------------------------------------------------- package sets

	@Test
	void conflictsAreReportedWhereTheyFirstAppear() {
		List<Issue> issues = validate("""
				packageset no.mpich { openmpi-bin  conflicts mpich }
				environment e.base {
				    packages no.mpich
				    packages += { mpich }
				}
				environment e.child extends e.base { packages += { htop } }
				environment e.other { packages { mpich } + no.mpich }
				""");
		Issue issue = assertIssue(issues, IssueCodes.PACKAGE_CONFLICT, 4, "'mpich'");
		assertTrue(issue.getMessage().contains("no.mpich") && issue.getMessage().contains("line 1"), issue::getMessage);
		assertIssue(issues, IssueCodes.PACKAGE_CONFLICT, 7, "mpich");
		assertEquals(2, issues.size(), issues::toString);
	}

	@Test
	void requiredAndConflictingSets() {
		List<Issue> issues = validate("""
				packageset mpi { openmpi-bin }
				packageset other.mpi { mpich }
				packageset devtools requires mpi conflicts other.mpi { gfortran }
				environment e.missing { packages devtools }
				environment e.both { packages devtools + mpi + other.mpi }
				environment e.fine { packages mpi + devtools }
				""");
		assertIssue(issues, IssueCodes.REQUIRED_SET_MISSING, 4, "'devtools' requires package set 'mpi'");
		assertIssue(issues, IssueCodes.CONFLICTING_SET_PRESENT, 5, "'other.mpi'");
		assertEquals(2, issues.size(), issues::toString);
	}

	@Test
	void distributions() {
		List<Issue> issues = validate("""
				packageset deb for debian bookworm { htop }
				packageset rh for rhel 9 { environment-modules }
				packageset trixie for debian trixie { htop }
				environment e.mixed { packages deb + rh }
				environment e.release { distribution debian bookworm  packages += trixie }
				environment e.fine { distribution debian bookworm  packages deb }
				""");
		assertIssue(issues, IssueCodes.DISTRIBUTION_MISMATCH, 4, "different distributions");
		assertIssue(issues, IssueCodes.DISTRIBUTION_MISMATCH, 5, "written for debian trixie");
		assertEquals(2, issues.size(), issues::toString);
	}

	// ---------------------------------------------------------------- inheritance and site policy

	@Test
	void extendsCycles() {
		List<Issue> issues = validate("""
				environment a extends a { }
				environment b extends c { }
				environment c extends b { }
				environment d extends b { }
				profile p extends q { }
				profile q extends p { }
				""");
		assertIssue(issues, IssueCodes.EXTENDS_CYCLE, 1, "a → a");
		assertIssue(issues, IssueCodes.EXTENDS_CYCLE, 2, "b → c → b");
		assertIssue(issues, IssueCodes.EXTENDS_CYCLE, 3, "c → b → c");
		assertIssue(issues, IssueCodes.EXTENDS_CYCLE, 5, "profile 'p'");
		assertIssue(issues, IssueCodes.EXTENDS_CYCLE, 6, "cycle");
		assertEquals(5, issues.size(), issues::toString);
	}

	@Test
	void reservedItems() {
		List<Issue> issues = validate(BASE + """
				environment sneaky extends site.base {
				    packages -= { munge }
				    packages += { slurm-client = 21.08 }
				    packages += { slurm-client >= 22.05 htop }
				    packages = { vim }
				    boot options "quiet"
				    repository "http://mirror.example/debian" suite bookworm components main
				    protection at least high
				}
				environment grandchild extends sneaky { packages -= { slurm-client } }
				""");
		Issue munge = assertIssue(issues, IssueCodes.RESERVED_PACKAGE_REMOVED, 13,
				"'munge' is reserved by environment 'site.base' (text");
		assertTrue(munge.getMessage().contains("line 6"), munge::getMessage);
		assertIssue(issues, IssueCodes.RESERVED_PACKAGE_CONSTRAINED, 14, "from the base's '>= 22.05'");
		assertIssue(issues, IssueCodes.RESERVED_SETTING_CHANGED, 17, "the boot options are reserved");
		assertIssue(issues, IssueCodes.RESERVED_SETTING_CHANGED, 18, "the repositories are reserved");
		assertIssue(issues, IssueCodes.RESERVED_PACKAGE_REMOVED, 21, "'slurm-client'");
		assertEquals(5, issues.size(), issues::toString);
	}

	@Test
	void reservedProtectionAndLoweredProtection() {
		List<Issue> issues = validate("""
				environment b { protection at least medium  reserved protection }
				environment c { protection at least medium }
				environment d extends b { protection at least high }
				environment e extends c { protection at least low }
				""");
		assertIssue(issues, IssueCodes.RESERVED_SETTING_CHANGED, 3, "the minimum protection is reserved");
		Issue lowered = assertIssue(issues, IssueCodes.PROTECTION_LOWERED, 4, "cannot lower");
		assertEquals(Severity.WARNING, lowered.getSeverity());
		assertEquals(2, issues.size(), issues::toString);
	}

	// ---------------------------------------------------------------- files

	@Test
	void filesSourcesAndTargets(@TempDir Path folder) throws IOException {
		Files.createDirectories(folder.resolve("model"));
		Path file = folder.resolve("app.vse");
		Files.writeString(file, """
				environment app {
				    files {
				        copy "model/" to "/opt/model/"
				        copy "missing.txt" to "/opt/missing.txt"
				        copy "/etc/hosts" to "/etc/hosts"
				        copy "model" to "opt/model"
				        link "../hello" as "usr/local/bin/hello"
				        delete "etc/motd"
				        edit "etc/limits.conf" append "x"
				        edit "etc/ssh/sshd_config" replace "a" with "b"
				    }
				}
				""");
		XtextResourceSet set = Parsing.newResourceSet();
		Resource resource = set.getResource(URI.createFileURI(file.toString()), true);
		EcoreUtil.resolveAll(resource);
		List<Issue> issues = validate(resource);
		assertIssue(issues, IssueCodes.FILE_SOURCE_MISSING, 4, "'missing.txt'");
		assertIssue(issues, IssueCodes.FILE_SOURCE_NOT_RELATIVE, 5, "relative to the folder of this .vse file");
		assertIssue(issues, IssueCodes.FILE_TARGET_NOT_ABSOLUTE, 6, "'opt/model'");
		assertIssue(issues, IssueCodes.FILE_TARGET_NOT_ABSOLUTE, 7, "'/usr/local/bin/hello'");
		assertIssue(issues, IssueCodes.FILE_TARGET_NOT_ABSOLUTE, 8, "etc/motd");
		assertIssue(issues, IssueCodes.FILE_TARGET_NOT_ABSOLUTE, 9, "etc/limits.conf");
		assertIssue(issues, IssueCodes.FILE_TARGET_NOT_ABSOLUTE, 10, "etc/ssh/sshd_config");
		assertEquals(7, issues.size(), issues::toString);
	}

	// ---------------------------------------------------------------- machine sets

	@Test
	void groups() {
		String text = BASE + """
				machines m {
				    group a count 0 runs site.base
				    group b count 2
				    group a count 1 runs site.base
				    group c nodes n[4-1] runs site.base
				    group d nodes x[1-3] runs site.base
				    deploy d as virtual
				    deploy d as diskless ramfs
				    sandbox d count 0
				    sandbox d count 4
				    d uses d
				}
				""";
		List<Issue> issues = validate(text);
		assertIssue(issues, IssueCodes.COUNT_BELOW_ONE, 13, "at least 1 node");
		assertIssue(issues, IssueCodes.GROUP_WITHOUT_ENVIRONMENT, 14, "'b' runs no environment");
		assertIssue(issues, IssueCodes.DUPLICATE_GROUP, 15, "already declared (line 13)");
		Issue hostList = assertIssue(issues, IssueCodes.INVALID_HOST_LIST, 16, "runs backwards");
		assertEquals("4-1", text.substring(hostList.getOffset(), hostList.getOffset() + hostList.getLength()));
		assertIssue(issues, IssueCodes.DUPLICATE_GROUP_SETTING, 19, "already deployed (line 18)");
		assertIssue(issues, IssueCodes.COUNT_BELOW_ONE, 20, "sandbox needs at least 1 node");
		Issue sandbox = assertIssue(issues, IssueCodes.SANDBOX_TOO_LARGE, 21, "has only 3");
		assertEquals(Severity.WARNING, sandbox.getSeverity());
		assertEquals(List.of("3"), List.of(sandbox.getData()));
		assertIssue(issues, IssueCodes.DUPLICATE_GROUP_SETTING, 21, "sandbox size");
		assertIssue(issues, IssueCodes.USES_CYCLE, 22, "(d → d)");
		assertEquals(9, issues.size(), issues::toString);
	}

	@Test
	void hostListProblemsPointIntoTheText() {
		String text = BASE + "machines m {\n    group a nodes io[01-04],n[1,,2] runs site.base\n}\n";
		Issue issue = assertIssue(validate(text), IssueCodes.INVALID_HOST_LIST, 13, "empty range");
		assertEquals(text.indexOf(",,") + 1, issue.getOffset().intValue());
		assertEquals(1, issue.getLength().intValue());

		// Slurm's host lists have no white space; the grammar reads it, validation points at it
		text = BASE + "machines m {\n    group a nodes io[01-04], n[1-2] runs site.base\n}\n";
		issue = assertIssue(validate(text), IssueCodes.INVALID_HOST_LIST, 13, "' ' cannot appear");
		assertEquals(text.indexOf(", n") + 1, issue.getOffset().intValue());
		assertEquals(1, issue.getLength().intValue());
	}

	@Test
	void nodesInTwoGroups() {
		List<Issue> issues = validate(BASE + """
				machines m1 {
				    group a nodes n[001-004] runs site.base
				    group b nodes login1,n[003-008] runs site.base
				    group c nodes n[009-010] runs site.base
				}
				machines m2 { group x nodes n[010-012] runs site.base }
				machines m3 = m1 + m2
				machines m4 = m3 - m2
				machines loop1 = loop2
				machines loop2 = loop1 & m1
				""");
		assertIssue(issues, IssueCodes.DUPLICATE_NODE, 14, "Node n003 is in the host list of group 'b' and of group 'a'");
		assertIssue(issues, IssueCodes.DUPLICATE_NODE, 18, "n010");
		assertIssue(issues, IssueCodes.MACHINES_CYCLE, 20, "loop1 → loop2 → loop1");
		assertIssue(issues, IssueCodes.MACHINES_CYCLE, 21, "loop2 → loop1 → loop2");
		assertEquals(4, issues.size(), issues::toString);
	}

	@Test
	void usesCyclesAtEveryMember() {
		List<Issue> issues = validate(BASE + """
				machines m {
				    group a count 1 runs site.base
				    group b count 1 runs site.base
				    group c count 1 runs site.base
				    group d count 1 runs site.base
				    a uses b
				    b uses c
				    c uses a
				    d uses a
				}
				""");
		assertIssue(issues, IssueCodes.USES_CYCLE, 17, "(a → b → c → a)");
		assertIssue(issues, IssueCodes.USES_CYCLE, 18, "(b → c → a → b)");
		assertIssue(issues, IssueCodes.USES_CYCLE, 19, "(c → a → b → c)");
		assertEquals(3, issues.size(), issues::toString);
	}

	@Test
	void protectionOfDeployments() {
		List<Issue> issues = validate(BASE + """
				environment app extends site.base { }
				environment strict extends site.base { protection at least high }
				machines m {
				    group a count 1 runs app
				    group b count 1 runs app
				    group c count 1 runs strict
				    group d count 1 runs site.base
				    deploy a as diskfull
				    deploy b as diskless nfs
				    deploy c as diskless ramfs
				    deploy d as virtual
				}
				""");
		Issue low = assertIssue(issues, IssueCodes.PROTECTION_TOO_LOW, 19, "requires protection at least medium");
		assertTrue(low.getMessage().contains("set by 'site.base', text"), low::getMessage);
		assertEquals(List.of("medium"), List.of(low.getData()));
		Issue high = assertIssue(issues, IssueCodes.PROTECTION_TOO_LOW, 21, "as virtual");
		assertEquals(List.of("high"), List.of(high.getData()));
		assertEquals(2, issues.size(), issues::toString);
	}

	// ---------------------------------------------------------------- profiles

	@Test
	void profiles() {
		List<Issue> issues = validate("""
				profile p {
				    memory 0 GiB
				    cpus 0
				    disk 0 MiB
				    nic { mac 01:00:5e:00:00:01 network nat }
				    nic { mac 52-54-00-12-34-56 network nat }
				    nic { mac 00:00:00:00:00:00 network nat }
				    nic { mac 52:54:00:AB:CD:EF network nat }
				    nic { mac 52:54:00:ab:cd:ef network bridge "br0" }
				}
				""");
		assertIssue(issues, IssueCodes.INVALID_SIZE, 2, "memory size of 0 GiB");
		assertIssue(issues, IssueCodes.COUNT_BELOW_ONE, 3, "at least 1 CPU");
		assertIssue(issues, IssueCodes.INVALID_SIZE, 4, "disk size");
		Issue multicast = assertIssue(issues, IssueCodes.INVALID_MAC, 5, "multicast");
		assertEquals(List.of("52:54:00:00:00:01"), List.of(multicast.getData()));
		assertIssue(issues, IssueCodes.INVALID_MAC, 6, "not a MAC address");
		assertIssue(issues, IssueCodes.INVALID_MAC, 7, "all zeros");
		assertIssue(issues, IssueCodes.DUPLICATE_MAC, 9, "line 8");
		assertEquals(7, issues.size(), issues::toString);
	}

	@Test
	void macAddressesAreUniqueWithinAMachineSet() {
		List<Issue> issues = validate(BASE + """
				profile fixed { nic { mac 52:54:00:12:34:56 network nat } }
				profile same extends fixed { cpus 2 }
				machines m {
				    group a count 1 runs site.base profile fixed
				    group b count 1 runs site.base profile same
				    group c count 3 runs site.base profile fixed
				}
				""");
		assertIssue(issues, IssueCodes.DUPLICATE_MAC, 16, "Groups 'a' (line 15) and 'b' both use the MAC address 52:54:00:12:34:56");
		assertIssue(issues, IssueCodes.DUPLICATE_MAC, 17, "has 3 nodes");
		assertEquals(2, issues.size(), issues::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"packageset p { a >= }\nenvironment e extends { packages += p & { b } - }",
		"machines m { group g nodes n[1- runs e  deploy g as  sandbox }\nmachines n = m + (",
		"profile q extends q { memory GiB nic { mac network } }",
		"environment e { files { copy to \"x\" link as } user uid protection at }",
		"machines m { group count 0 runs  a uses  deploy as virtual }",
		"environment a extends b { packages -= x } environment b extends a { reserved packages",
	})
	void brokenTextIsValidatedWithoutException(String text) {
		Resource resource = Parsing.parse(Parsing.newResourceSet(), text);
		assertFalse(resource.getErrors().isEmpty());
		Map<Object, Object> context = new HashMap<>();
		context.put(CheckMode.KEY, CheckMode.ALL);
		Diagnostician diagnostician = Examples.injector().getInstance(Diagnostician.class);
		for (EObject root : resource.getContents()) {
			diagnostician.validate(root, new BasicDiagnostic(), context);
		}
	}

	// ---------------------------------------------------------------- helpers

	private static List<Issue> validate(String text) {
		return validate(Parsing.parse(Parsing.newResourceSet(), text));
	}

	private static List<Issue> validate(Resource resource) {
		IResourceValidator validator = Examples.injector().getInstance(IResourceValidator.class);
		return validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	/** Asserts an issue of {@code code} at {@code line} whose message holds {@code words}, ignoring case. */
	private static Issue assertIssue(List<Issue> issues, String code, int line, String words) {
		return issues.stream()
				.filter(i -> code.equals(i.getCode()) && i.getLineNumber() == line
						&& i.getMessage().toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT)))
				.findFirst().orElseThrow(() -> new AssertionError("no " + code + " at line " + line + " with \"" + words
						+ "\" in" + issues.stream().map(i -> "\n  line " + i.getLineNumber() + " [" + i.getCode() + "] "
								+ i.getMessage()).collect(Collectors.joining())));
	}
}
