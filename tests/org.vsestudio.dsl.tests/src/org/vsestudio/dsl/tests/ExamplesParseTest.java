package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.vse.Declaration;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.Profile;

/** Every example of the specification parses, links across files, and the broken one fails where it should. */
class ExamplesParseTest {

	private static XtextResourceSet set;

	@BeforeAll
	static void loadExamples() {
		set = Examples.load();
		EcoreUtil.resolveAll(set);
	}

	@Test
	void examplesAreFound() {
		List<String> names = Examples.all().stream().map(Examples::name).toList();
		assertTrue(names.contains("climate.vse"), names::toString);
		assertTrue(names.contains("site/ornl.vse"), names::toString);
		assertTrue(names.contains("invalid/syntax.vse"), names::toString);
	}

	@Test
	void everyExampleButSyntaxParsesWithoutError() {
		for (Path file : Examples.parseable()) {
			Resource resource = Examples.resource(set, file);
			List<Resource.Diagnostic> syntaxErrors = Parsing.syntaxErrors(resource);
			assertTrue(syntaxErrors.isEmpty(), () -> Examples.name(file) + ": " + Parsing.describe(syntaxErrors));
			assertTrue(((XtextResource) resource).getParseResult().getRootASTElement() instanceof Model,
					Examples.name(file));
		}
	}

	@Test
	void syntaxExampleFailsAtLine6() {
		Resource resource = Examples.resource(set, Examples.SYNTAX_ERROR);
		List<Resource.Diagnostic> syntaxErrors = Parsing.syntaxErrors(resource);
		assertFalse(syntaxErrors.isEmpty(), "invalid/syntax.vse must not parse");
		assertEquals(6, syntaxErrors.get(0).getLine(), () -> Parsing.describe(syntaxErrors));
		assertTrue(syntaxErrors.stream().allMatch(d -> d.getLine() == 6), () -> Parsing.describe(syntaxErrors));
	}

	@Test
	void everyReferenceResolves() {
		for (Path file : Examples.parseable()) {
			Resource resource = Examples.resource(set, file);
			Map<EObject, ?> unresolved = EcoreUtil.UnresolvedProxyCrossReferencer.find(resource);
			assertTrue(unresolved.isEmpty(), () -> Examples.name(file) + ": unresolved " + unresolved);
			assertTrue(resource.getErrors().isEmpty(), () -> Examples.name(file) + ": " + Parsing.describe(resource.getErrors()));
		}
	}

	@Test
	void climateLinksToTheSiteBase() {
		Resource climate = Examples.resource(set, Examples.FOLDER.resolve("climate.vse"));
		Resource ornl = Examples.resource(set, Examples.FOLDER.resolve("site/ornl.vse"));
		Model model = (Model) climate.getContents().get(0);

		Environment environment = declaration(model, Environment.class, "climate.model");
		assertNotNull(environment.getBase());
		assertFalse(environment.getBase().eIsProxy());
		assertEquals("ornl.base", environment.getBase().getName());
		assertSame(ornl, environment.getBase().eResource());

		Profile large = declaration(model, Profile.class, "climate.large");
		assertEquals("ornl.standard", large.getBase().getName());
		assertSame(ornl, large.getBase().eResource());

		MachineSet cluster = declaration(model, MachineSet.class, "climate.cluster");
		Group compute = cluster.getMembers().stream().filter(Group.class::isInstance).map(Group.class::cast)
				.filter(g -> g.getName().equals("compute")).findFirst().orElseThrow();
		assertSame(environment, compute.getEnvironment());
		assertEquals("ornl.standard", compute.getProfile().getName());
		assertSame(ornl, compute.getProfile().eResource());
	}

	@Test
	void validExamplesHaveNoIssue() {
		IResourceValidator validator = Examples.injector().getInstance(IResourceValidator.class);
		for (Path file : Examples.parseable()) {
			Resource resource = Examples.resource(set, file);
			if (!((XtextResource) resource).getParseResult().getRootNode().getText().startsWith("// expect valid")) {
				continue;
			}
			List<Issue> issues = validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
			List<Issue> notInfo = issues.stream().filter(i -> i.getSeverity() != Severity.INFO).toList();
			assertTrue(notInfo.isEmpty(), () -> Examples.name(file) + ": " + notInfo);
		}
	}

	private static <T extends Declaration> T declaration(Model model, Class<T> type, String name) {
		return model.getDeclarations().stream().filter(type::isInstance).map(type::cast)
				.filter(d -> name.equals(d.getName())).findFirst().orElseThrow();
	}
}
