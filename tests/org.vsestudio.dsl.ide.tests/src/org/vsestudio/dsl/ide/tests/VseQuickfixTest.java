package org.vsestudio.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.Modules2;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.VseRuntimeModule;
import org.vsestudio.dsl.ide.VseIdeModule;
import org.vsestudio.dsl.ide.VseIdeSetup;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.validation.IssueCodes;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.RepositoryIndex;

import com.google.gson.JsonArray;
import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * The quick fixes, as a language client gets them: the code actions of a diagnostic, whose
 * text edits applied to the document give the fixed text.
 */
class VseQuickfixTest {

	/** A repository of three packages, for Debian environments only. */
	private static final RepositoryIndex INDEX = new RepositoryIndex() {
		private final Map<String, String> packages = Map.of("htop", "3.2.2-2", "munge", "0.5.15-2", "hwloc", "2.9.0-1");

		@Override
		public String distribution() {
			return "debian";
		}

		@Override
		public String release() {
			return "bookworm";
		}

		@Override
		public String architecture() {
			return "amd64";
		}

		@Override
		public List<DebianVersion> versions(String packageName) {
			return Optional.ofNullable(packages.get(packageName)).map(v -> List.of(DebianVersion.parse(v)))
					.orElse(List.of());
		}

		@Override
		public List<String> nearestNames(String name, int max) {
			return packages.keySet().stream().filter(n -> n.charAt(0) == name.charAt(0)).sorted().limit(max).toList();
		}
	};

	/**
	 * The language with the repository above. Shared by the tests of this fragment: the first
	 * injector to create the language's validator registers it with EMF for all of them.
	 */
	static final Injector INJECTOR = new VseIdeSetup() {
		@Override
		public Injector createInjector() {
			IndexProvider debian = environment -> environment.distribution()
					.filter(d -> d.value().distribution().equals("debian")).map(d -> INDEX);
			return Guice.createInjector(Modules2.mixin(new VseRuntimeModule(), new VseIdeModule(),
					binder -> binder.bind(IndexProvider.class).toInstance(debian)));
		}
	}.createInjectorAndDoEMFRegistration();

	private static final String BASE = """
			environment site.base {
			    packages { munge slurm-client >= 22.05 }
			    reserved packages munge, slurm-client
			    reserved boot
			    boot options "console=ttyS0"
			    protection at least medium
			}
			""";

	@Test
	void removeTheChangedConstraintOfAReservedPackage() {
		String fixed = fix(BASE + """
				environment e extends site.base {
				    packages += { slurm-client = 21.08 htop }
				}
				""", IssueCodes.RESERVED_PACKAGE_CONSTRAINED, "Remove the version constraint of 'slurm-client'");
		assertTrue(fixed.contains("packages += { slurm-client htop }"), fixed);
	}

	@Test
	void keepAReservedPackage() {
		String fixed = fix(BASE + """
				environment e extends site.base {
				    packages -= { munge htop }
				}
				""", IssueCodes.RESERVED_PACKAGE_REMOVED, "Keep 'munge'");
		assertTrue(fixed.contains("packages -= { htop }"), fixed);
	}

	@Test
	void removeAReservedSetting() {
		String fixed = fix(BASE + """
				environment e extends site.base {
				    boot options "quiet"
				    run "true"
				}
				""", IssueCodes.RESERVED_SETTING_CHANGED, "Remove this setting");
		assertTrue(fixed.endsWith("environment e extends site.base {\n    run \"true\"\n}\n"), fixed);
	}

	@Test
	void addARequiredPackageSet() {
		String fixed = fix("""
				packageset mpi { openmpi-bin }
				packageset devtools requires mpi { gfortran }
				environment e {
				    packages += devtools
				}
				""", IssueCodes.REQUIRED_SET_MISSING, "Add 'packages += mpi'");
		assertTrue(fixed.endsWith("    packages += devtools\n    packages += mpi\n}\n"), fixed);
	}

	@Test
	void raiseADeploymentToTheRequiredProtection() {
		String text = BASE + """
				machines m {
				    group compute count 4 runs site.base
				    deploy compute as diskfull
				}
				""";
		assertEquals(List.of("Deploy as diskless nfs (medium protection)", "Deploy as diskless ramfs (medium protection)",
				"Deploy as virtual (high protection)"), titles(text, IssueCodes.PROTECTION_TOO_LOW));
		assertTrue(fix(text, IssueCodes.PROTECTION_TOO_LOW, "Deploy as virtual").contains("deploy compute as virtual\n"));
		assertTrue(fix(text, IssueCodes.PROTECTION_TOO_LOW, "Deploy as diskless nfs")
				.contains("deploy compute as diskless nfs\n"));
		String high = BASE.replace("medium", "high") + """
				machines m {
				    group compute count 4 runs site.base
				    deploy compute as diskless ramfs
				}
				""";
		assertEquals(List.of("Deploy as virtual (high protection)"), titles(high, IssueCodes.PROTECTION_TOO_LOW));
		assertTrue(fix(high, IssueCodes.PROTECTION_TOO_LOW, "Deploy as virtual").contains("deploy compute as virtual\n"));
	}

	@Test
	void lowerASandboxToTheGroupsSize() {
		String fixed = fix(BASE + """
				machines m {
				    group a nodes n[001-004] runs site.base
				    sandbox a count 9
				}
				""", IssueCodes.SANDBOX_TOO_LARGE, "Lower the sandbox to 4 nodes");
		assertTrue(fixed.contains("sandbox a count 4\n"), fixed);
	}

	@Test
	void replaceAnInvalidMac() {
		String fixed = fix("profile p { nic { mac 01:00:5e:00:00:01 network nat } }\n", IssueCodes.INVALID_MAC,
				"Use the locally administered unicast address");
		assertEquals("profile p { nic { mac 52:54:00:00:00:01 network nat } }\n", fixed);
	}

	@Test
	void makeAPathInTheImageAbsolute() {
		String fixed = fix("environment e { files { delete \"etc/motd\" } }\n", IssueCodes.FILE_TARGET_NOT_ABSOLUTE,
				"Make the path absolute");
		assertEquals("environment e { files { delete \"/etc/motd\" } }\n", fixed);
	}

	@Test
	void replaceAnUnknownPackageWithASuggestion() {
		String text = """
				environment e {
				    distribution debian bookworm
				    packages { htopp }
				}
				""";
		assertEquals(List.of("Replace with 'htop'", "Replace with 'hwloc'"), titles(text, IssueCodes.UNKNOWN_PACKAGE));
		assertTrue(fix(text, IssueCodes.UNKNOWN_PACKAGE, "Replace with 'htop'").contains("packages { htop }"));
	}

	@Test
	void suggestionsSurviveTheTripThroughAClient() {
		String text = """
				environment e {
				    distribution debian bookworm
				    packages { htopp }
				}
				""";
		Session session = new Session(text);
		Diagnostic diagnostic = session.diagnostic(IssueCodes.UNKNOWN_PACKAGE);
		JsonArray json = new JsonArray();
		Arrays.stream((String[]) diagnostic.getData()).forEach(json::add);
		diagnostic.setData(json);
		assertEquals(List.of("Replace with 'htop'", "Replace with 'hwloc'"),
				session.actions(diagnostic).stream().map(CodeAction::getTitle).toList());
	}

	// ---------------------------------------------------------------- a small language client

	private static List<String> titles(String text, String code) {
		Session session = new Session(text);
		return session.actions(session.diagnostic(code)).stream().map(CodeAction::getTitle).toList();
	}

	/** @return the text after applying the code action whose title starts with {@code title} */
	private static String fix(String text, String code, String title) {
		Session session = new Session(text);
		List<CodeAction> actions = session.actions(session.diagnostic(code));
		CodeAction action = actions.stream().filter(a -> a.getTitle().startsWith(title)).findFirst()
				.orElseThrow(() -> new AssertionError("no action '" + title + "' in "
						+ actions.stream().map(CodeAction::getTitle).toList()));
		List<TextEdit> edits = action.getEdit().getChanges().get(session.uri.toString());
		assertTrue(edits != null && !edits.isEmpty(), () -> "no edit in " + action);
		return session.document.applyChanges(edits.stream()
				.sorted(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
						.thenComparing(e -> e.getRange().getStart().getCharacter()).reversed())
				.toList()).getContents();
	}

	/** One document open in the language server. */
	private static final class Session {
		private static int count;
		final URI uri = URI.createURI("inmemory:/quickfix" + (++count) + ".vse");
		final Document document;
		final XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
		final XtextResource resource;

		Session(String text) {
			document = new Document(1, text);
			resource = (XtextResource) set.createResource(uri);
			try {
				resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
			} catch (IOException e) {
				throw new AssertionError(e);
			}
			EcoreUtil.resolveAll(resource);
		}

		/** @return the diagnostic of the issue with {@code code}, as the language server sends it */
		Diagnostic diagnostic(String code) {
			List<Issue> issues = INJECTOR.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL,
					CancelIndicator.NullImpl);
			Issue issue = issues.stream().filter(i -> code.equals(i.getCode())).findFirst()
					.orElseThrow(() -> new AssertionError("no " + code + " in " + issues));
			Diagnostic diagnostic = new Diagnostic();
			diagnostic.setCode(issue.getCode());
			diagnostic.setData(issue.getData());
			diagnostic.setMessage(issue.getMessage());
			diagnostic.setSeverity(switch (issue.getSeverity()) {
				case ERROR -> DiagnosticSeverity.Error;
				case WARNING -> DiagnosticSeverity.Warning;
				default -> DiagnosticSeverity.Information;
			});
			diagnostic.setRange(new Range(new Position(issue.getLineNumber() - 1, issue.getColumn() - 1),
					new Position(issue.getLineNumberEnd() - 1, issue.getColumnEnd() - 1)));
			return diagnostic;
		}

		List<CodeAction> actions(Diagnostic diagnostic) {
			ICodeActionService2.Options options = new ICodeActionService2.Options();
			options.setURI(uri.toString());
			options.setDocument(document);
			options.setResource(resource);
			options.setLanguageServerAccess(access());
			options.setCancelIndicator(CancelIndicator.NullImpl);
			options.setCodeActionParams(new CodeActionParams(new TextDocumentIdentifier(uri.toString()),
					diagnostic.getRange(), new CodeActionContext(List.of(diagnostic))));
			return INJECTOR.getInstance(ICodeActionService2.class).getCodeActions(options).stream()
					.map(e -> e.getRight()).toList();
		}

		private ILanguageServerAccess access() {
			return new ILanguageServerAccess() {
				@Override
				public <T> T doSyncRead(String u, Function<Context, T> function) {
					return function.apply(new Context(resource, document, true, CancelIndicator.NullImpl));
				}

				@Override
				public <T> CompletableFuture<T> doRead(String u, Function<Context, T> function) {
					return CompletableFuture.completedFuture(doSyncRead(u, function));
				}

				@Override
				public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
					throw new UnsupportedOperationException();
				}

				@Override
				public void addBuildListener(IBuildListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public LanguageClient getLanguageClient() {
					return null;
				}

				@Override
				public ResourceSet newLiveScopeResourceSet(URI u) {
					return set;
				}

				@Override
				public InitializeParams getInitializeParams() {
					return null;
				}

				@Override
				public InitializeResult getInitializeResult() {
					return null;
				}
			};
		}
	}
}
