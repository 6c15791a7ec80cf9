package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test of validation: every example file says in its comments what
 * validation must report ({@code // expect-error LINE "words"}, {@code // expect-warning
 * LINE "words"}, {@code // expect valid}), and validation reports exactly that.
 *
 * <p>An expected diagnostic must appear with that severity, at that line, with the words in
 * its message (ignoring case). A valid file has no error and no warning. An invalid file
 * has no error at a line no expectation names, except an error whose message holds the
 * words of an expectation of the file (a diagnostic about two places may appear at both).
 */
class ExampleExpectationsTest {

	private static final Pattern EXPECTATION = Pattern
			.compile("//\\s*expect-(error|warning)\\s+(\\d+)\\s+\"([^\"]*)\"");

	/**
	 * Expectations that validation cannot meet yet, by file and line. A pending expectation
	 * is not required, and must not be reported: when validation learns to report it, the
	 * test fails until its mark here is removed. None is pending: the checks against the
	 * repository index (host's apt lists) report every expectation of the examples.
	 */
	private static final Map<String, Set<Integer>> PENDING = Map.of();

	record Expectation(Severity severity, int line, String words) {
		boolean matches(Issue issue) {
			return issue.getSeverity() == severity && issue.getLineNumber() != null && issue.getLineNumber() == line
					&& containsWords(issue);
		}

		boolean containsWords(Issue issue) {
			return issue.getMessage() != null
					&& issue.getMessage().toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT));
		}

		@Override
		public String toString() {
			return severity.name().toLowerCase(Locale.ROOT) + " at line " + line + " with \"" + words + "\"";
		}
	}

	private static XtextResourceSet set;

	@BeforeAll
	static void loadExamples() {
		set = Examples.load();
		EcoreUtil.resolveAll(set);
	}

	static List<Path> examples() {
		return Examples.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void validationReportsWhatTheExampleExpects(Path file) throws IOException {
		String name = Examples.name(file);
		String text = Files.readString(file);
		List<Expectation> expectations = expectations(text);
		boolean valid = text.startsWith("// expect valid");
		assertTrue(valid || !expectations.isEmpty(), name + " says neither 'expect valid' nor what to expect");
		List<Issue> issues = validate(file);
		String reported = describe(issues);

		if (valid) {
			List<Issue> problems = issues.stream().filter(i -> i.getSeverity() != Severity.INFO).toList();
			assertTrue(problems.isEmpty(), () -> name + " is valid, but validation reports " + describe(problems));
			return;
		}
		Set<Integer> pending = PENDING.getOrDefault(name, Set.of());
		for (Expectation expected : expectations) {
			boolean found = issues.stream().anyMatch(expected::matches);
			if (pending.contains(expected.line())) {
				assertFalse(found, () -> name + ": the pending expectation " + expected
						+ " is reported now; remove its mark from PENDING in " + getClass().getSimpleName());
			} else {
				assertTrue(found, () -> name + ": expected " + expected + ", but validation reports " + reported);
			}
		}
		Set<Integer> named = expectations.stream().map(Expectation::line).collect(Collectors.toSet());
		for (Issue issue : issues) {
			if (issue.getSeverity() != Severity.ERROR || named.contains(issue.getLineNumber())) {
				continue;
			}
			boolean aboutAnExpectation = expectations.stream()
					.anyMatch(e -> !e.words().isEmpty() && e.containsWords(issue));
			assertTrue(aboutAnExpectation, () -> name + ": unexpected error at line " + issue.getLineNumber() + ": "
					+ issue.getMessage());
		}
	}

	@Test
	void pendingMarksNameRealExpectations() throws IOException {
		for (Map.Entry<String, Set<Integer>> entry : PENDING.entrySet()) {
			Path file = Examples.FOLDER.resolve(entry.getKey());
			Set<Integer> lines = expectations(Files.readString(file)).stream().map(Expectation::line)
					.collect(Collectors.toSet());
			assertTrue(lines.containsAll(entry.getValue()),
					() -> entry.getKey() + " expects nothing at some of the pending lines " + entry.getValue());
		}
	}

	@Test
	void expectationsAreRead() {
		List<Expectation> read = expectations("""
				// expect-error 14 "cycle"
				// expect-warning 16 "sandbox"
				// expect-error 6 ""
				""");
		assertEquals(List.of(new Expectation(Severity.ERROR, 14, "cycle"), new Expectation(Severity.WARNING, 16, "sandbox"),
				new Expectation(Severity.ERROR, 6, "")), read);
	}

	static List<Expectation> expectations(String text) {
		List<Expectation> result = new ArrayList<>();
		Matcher m = EXPECTATION.matcher(text);
		while (m.find()) {
			result.add(new Expectation(m.group(1).equals("error") ? Severity.ERROR : Severity.WARNING,
					Integer.parseInt(m.group(2)), m.group(3)));
		}
		return result;
	}

	private static List<Issue> validate(Path file) {
		IResourceValidator validator = Examples.injector().getInstance(IResourceValidator.class);
		return validator.validate(Examples.resource(set, file), CheckMode.ALL, CancelIndicator.NullImpl);
	}

	private static String describe(List<Issue> issues) {
		return issues.stream().map(i -> "\n  " + i.getSeverity() + " line " + i.getLineNumber() + " [" + i.getCode()
				+ "]: " + i.getMessage()).collect(Collectors.joining("", "[", "\n]"));
	}
}
