package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of line break, even a lone carriage return at the very end, leaves syntax errors where they are. */
class LineBreaksTest {

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r\n", "\r" })
	void syntaxErrorAtTheEndIsReported(String lineBreak) {
		String text = String.join(lineBreak, "environment e {", "    distribution debian bookworm", "profile", "");
		Resource resource = Parsing.parse(Parsing.newResourceSet(), text);
		List<Issue> issues = Examples.injector().getInstance(IResourceValidator.class).validate(resource,
				CheckMode.ALL, CancelIndicator.NullImpl);
		Issue last = issues.get(issues.size() - 1);
		assertEquals(true, last.isSyntaxError(), issues::toString);
		// the error is at the end of the file: on the empty line after the last line break
		assertEquals(4, last.getLineNumberEnd(), issues::toString);
		assertEquals(1, last.getColumnEnd(), issues::toString);
	}
}
