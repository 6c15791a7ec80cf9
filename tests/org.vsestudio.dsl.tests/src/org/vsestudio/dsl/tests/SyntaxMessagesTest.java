package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.Test;

/** Syntax errors say what to write instead, for the usual slips. */
class SyntaxMessagesTest {

	private static List<Resource.Diagnostic> errors(String text) {
		return Parsing.syntaxErrors(Parsing.parse(Parsing.newResourceSet(), text));
	}

	@Test
	void aBackwardsOperatorIsNamedWithItsFix() {
		List<Resource.Diagnostic> errors = errors("packageset p {\n    openmpi-bin => 4.1\n}\n");
		assertEquals(2, errors.get(0).getLine());
		assertEquals("'=>' is not a version operator: write '>=' (or 'gte').", errors.get(0).getMessage());
		assertEquals("'=<' is not a version operator: write '<=' (or 'lte').",
				errors("packageset p { a =< 1 }").get(0).getMessage());
	}

	@Test
	void aMissingBraceAtTheEndIsNamed() {
		List<Resource.Diagnostic> errors = errors("environment e {\n    distribution debian bookworm\n");
		assertEquals("The file ends before a block is closed: a '}' is missing.", errors.get(errors.size() - 1).getMessage());
	}

	@Test
	void otherErrorsSayWhatWasFound() {
		String message = errors("environment e { distribution }").get(0).getMessage();
		assertTrue(message.startsWith("Unexpected '}' here ("), message);
	}
}
