package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.impl.EValidatorRegistryImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.Modules2;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.dsl.VseRuntimeModule;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.index.HostIndexProvider;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.validation.IssueCodes;
import org.vsestudio.dsl.validation.VseValidator;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * Validation against a repository index that {@link HostIndexProvider} reads from made-up
 * apt lists: the closure's conflicts and unsatisfiable dependencies, and one diagnostic
 * where there is no index.
 */
class PackageIndexValidatorTest {

	@TempDir
	static Path dir;

	private static Path lists;

	@BeforeAll
	static void writeLists() {
		lists = AptListsFolder.write(dir.resolve("lists"), "bookworm",
				AptListsFolder.pkg("openmpi-bin", "4.1.4-3", "Depends: libopenmpi3 (>= 4.1)"),
				AptListsFolder.pkg("libopenmpi3", "4.1.4-3"),
				AptListsFolder.pkg("postfix", "3.7.11-0", "Provides: mail-transport-agent", "Conflicts: mail-transport-agent"),
				AptListsFolder.pkg("exim4-daemon-light", "4.96-15", "Provides: mail-transport-agent",
						"Conflicts: mail-transport-agent"),
				AptListsFolder.pkg("mpich", "4.0.2-3"),
				AptListsFolder.pkg("mpi-tools", "1.0-1", "Depends: mpich"),
				AptListsFolder.pkg("broken", "1.0-1", "Depends: libmissing (>= 2)"),
				AptListsFolder.pkg("libmissing", "1.0-1"),
				AptListsFolder.pkg("htop", "3.2.2-2"));
	}

	private static final String HEADER = """
			environment e {
			    distribution debian bookworm
			    architecture amd64
			    repositories from host
			""";

	@Test
	void repositoryConflictsAreReportedAtTheLaterRequirementNamingBoth() {
		List<Issue> issues = validate(provider(), HEADER + """
				    packages { postfix openmpi-bin }
				    packages += {
				        exim4-daemon-light
				    }
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.REPOSITORY_CONFLICT, 7, "'postfix' and 'exim4-daemon-light' cannot be installed together");
		assertTrue(issue.getMessage().contains("postfix (3.7.11-0) Conflicts: mail-transport-agent, which exim4-daemon-light (4.96-15) provides"),
				issue::getMessage);
		assertTrue(issue.getMessage().contains("'postfix' is required at ") && issue.getMessage().contains(", line 5")
				&& issue.getMessage().contains("'exim4-daemon-light' is required at ") && issue.getMessage().contains(", line 7"),
				issue::getMessage);
		assertEquals(1, issues.size(), issues::toString);
	}

	@Test
	void unsatisfiableDependenciesGiveTheChain() {
		List<Issue> issues = validate(provider(), HEADER + """
				    packages { broken htop = 3.2.2-2 }
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.UNSATISFIABLE_DEPENDENCY, 5,
				"'broken' cannot be installed: broken (1.0-1) Depends: libmissing (>= 2); but 'libmissing' has only 1.0-1");
		assertTrue(issue.getMessage().endsWith("'broken' is required at " + issue.getUriToProblem().trimFragment().lastSegment() + ", line 5."),
				issue::getMessage);
		assertEquals(1, issues.size(), issues::toString);
	}

	@Test
	void aDependencyOnAConflictNamesTheSetThatDeclaresIt() {
		List<Issue> issues = validate(provider(), """
				packageset no.mpich { openmpi-bin  conflicts mpich }
				""" + HEADER + """
				    packages no.mpich
				    packages += { mpi-tools }
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.PACKAGE_CONFLICT, 7, "'mpi-tools' needs 'mpich', which is declared a conflict: mpi-tools (1.0-1) Depends: mpich");
		assertTrue(issue.getMessage().contains("package set 'no.mpich' declares 'conflicts mpich'"), issue::getMessage);
		assertEquals(1, issues.size(), issues::toString);
	}

	@Test
	void unknownPackagesAndVersionsOfTheIndex() {
		List<Issue> issues = validate(provider(), HEADER + """
				    packages { htopp openmpi-bin >= 5 }
				}
				""");
		Issue unknown = assertIssue(issues, IssueCodes.UNKNOWN_PACKAGE, 5, "Package 'htopp' does not exist in debian bookworm (amd64). Did you mean 'htop'");
		assertEquals("htop", unknown.getData()[0]);
		assertIssue(issues, IssueCodes.NO_AVAILABLE_VERSION, 5, "satisfies >= 5: debian bookworm (amd64) has 4.1.4-3");
		assertEquals(2, issues.size(), issues::toString);
	}

	@Test
	void aProblemOfTheBaseIsReportedInTheBaseOnly() {
		List<Issue> issues = validate(provider(), HEADER + """
				    packages { postfix exim4-daemon-light }
				}
				environment child extends e { packages += { htop } }
				""");
		assertEquals(1, issues.size(), issues::toString);
		assertEquals(5, issues.get(0).getLineNumber());
	}

	@Test
	void listsOfAnotherReleaseAreAnErrorAtTheRepositoriesLine() {
		List<Issue> issues = validate(provider(), """
				environment e {
				    distribution debian trixie
				    architecture amd64
				    repositories from host
				    packages { htopp }
				}
				environment child extends e { packages += { htop } }
				""");
		Issue issue = assertIssue(issues, IssueCodes.INDEX_UNAVAILABLE, 4, "Package names and versions are not checked");
		assertEquals(Severity.ERROR, issue.getSeverity());
		assertTrue(issue.getMessage().contains("the host's apt lists serve bookworm, not trixie for amd64"), issue::getMessage);
		assertEquals(1, issues.size(), "once, in the environment that writes the repositories: " + issues);
	}

	@Test
	void aChildThatChangesTheReleaseIsToldAtItsDistribution() {
		List<Issue> issues = validate(provider(), HEADER + """
				}
				environment child extends e {
				    distribution debian trixie
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.INDEX_UNAVAILABLE, 7, "serve bookworm, not trixie");
		assertEquals(Severity.ERROR, issue.getSeverity());
		assertEquals(1, issues.size(), issues::toString);
	}

	@Test
	void anotherArchitectureIsAnError() {
		List<Issue> issues = validate(provider(), HEADER.replace("amd64", "arm64") + "}\n");
		Issue issue = assertIssue(issues, IssueCodes.INDEX_UNAVAILABLE, 4, "serve bookworm only for amd64, not bookworm for arm64");
		assertEquals(Severity.ERROR, issue.getSeverity());
	}

	@Test
	void noAptListsAtAllIsAWarning() throws IOException {
		Path empty = Files.createDirectories(dir.resolve("empty-lists"));
		List<Issue> issues = validate(new HostIndexProvider(dir.resolve("cache"), empty, dir.resolve("etc")), HEADER + """
				    packages { htopp }
				}
				""");
		Issue issue = assertIssue(issues, IssueCodes.INDEX_UNAVAILABLE, 4, "the host's apt lists serve nothing");
		assertEquals(Severity.WARNING, issue.getSeverity());
		assertEquals(1, issues.size(), issues::toString);
		issues = validate(new HostIndexProvider(dir.resolve("cache"), dir.resolve("no-such-folder"), dir.resolve("etc")), HEADER + "}\n");
		issue = assertIssue(issues, IssueCodes.INDEX_UNAVAILABLE, 4, "there is no apt lists directory here");
		assertEquals(Severity.WARNING, issue.getSeverity());
	}

	@Test
	void aRepositoryThatCannotBeReachedIsAWarningAndAnAddressThatIsNotHttpAnError() {
		String text = HEADER.replace("    repositories from host\n", "    repository \"http://127.0.0.1:1/debian\" suite bookworm components main\n")
				+ "}\n";
		Issue issue = assertIssue(validate(provider(), text), IssueCodes.INDEX_UNAVAILABLE, 4, "the repository cannot be reached");
		assertEquals(Severity.WARNING, issue.getSeverity());
		issue = assertIssue(validate(provider(), text.replace("http://127.0.0.1:1/", "ftp://127.0.0.1/")), IssueCodes.INDEX_UNAVAILABLE, 4,
				"over http or https");
		assertEquals(Severity.ERROR, issue.getSeverity());
	}

	@Test
	void withoutRepositoriesNothingIsCheckedAndNothingSaid() {
		assertEquals(List.of(), validate(provider(), "environment e { distribution debian bookworm packages { htopp } }"));
	}

	@Test
	void theIndexIsLoadedOnceThroughTheCache() throws IOException {
		Model model = Parsing.parseValid(HEADER + "}\n");
		EffectiveEnvironment e = new Evaluator().evaluate((Environment) model.getDeclarations().get(0));
		RepositoryIndex first = provider().lookup(e).index().orElseThrow();
		assertSame(first, provider().lookup(e).index().orElseThrow(), "kept in memory, also for another provider of the same folders");
		assertSame(first, provider().hostIndex("debian", "bookworm", "amd64").orElseThrow());
		try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
			assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("index-[0-9a-f]+\\.bin")), "the cache has the index");
		}
	}

	// ---------------------------------------------------------------- helpers

	private static HostIndexProvider provider() {
		return new HostIndexProvider(dir.resolve("cache"), lists, dir.resolve("etc"));
	}

	/** Validates {@code text} with {@code provider}, by a validator registered in a registry of its own. */
	private static List<Issue> validate(IndexProvider provider, String text) {
		Injector injector = Guice.createInjector(Modules2.mixin(new VseRuntimeModule(), binder -> {
			binder.bind(IndexProvider.class).toInstance(provider);
			binder.bind(EValidator.Registry.class).toInstance(new EValidatorRegistryImpl());
		}));
		injector.getInstance(VseValidator.class);
		Resource resource = Parsing.parse(Parsing.newResourceSet(), text);
		return injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
	}

	private static Issue assertIssue(List<Issue> issues, String code, int line, String words) {
		return issues.stream()
				.filter(i -> code.equals(i.getCode()) && i.getLineNumber() == line
						&& i.getMessage().toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT)))
				.findFirst().orElseThrow(() -> new AssertionError("no " + code + " at line " + line + " with \"" + words
						+ "\" in" + issues.stream().map(i -> "\n  line " + i.getLineNumber() + " [" + i.getCode() + "] "
								+ i.getMessage()).collect(Collectors.joining())));
	}
}
