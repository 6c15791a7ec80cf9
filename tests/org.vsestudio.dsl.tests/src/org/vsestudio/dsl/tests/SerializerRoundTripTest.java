package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example that parses is written back by the serializer from a copy of its model (so
 * without the text it came from), parsed again, and must give an equal model.
 */
class SerializerRoundTripTest {

	static List<Path> examples() {
		return Examples.parseable();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void example(Path file) throws IOException {
		XtextResourceSet set = Examples.load();
		EcoreUtil.resolveAll(set);
		assertRoundTrip(set, Examples.resource(set, file).getContents().get(0), Examples.name(file));
	}

	@Test
	void everyConstruct() throws IOException {
		XtextResourceSet set = Parsing.newResourceSet();
		Resource resource = Parsing.parse(set, AllConstructs.TEXT);
		assertTrue(resource.getErrors().isEmpty(), () -> Parsing.describe(resource.getErrors()));
		assertRoundTrip(set, resource.getContents().get(0), "all-constructs.vse");
	}

	/** Serializes a copy of {@code original}, parses the text in {@code set} and compares the models. */
	private static void assertRoundTrip(XtextResourceSet set, EObject original, String name) throws IOException {
		// the copy has no node model: everything is written by the serializer
		Resource copyResource = set.createResource(URI.createURI("roundtrip:/copy/" + name));
		EObject copy = EcoreUtil.copy(original);
		copyResource.getContents().add(copy);
		String text = Examples.injector().getInstance(ISerializer.class).serialize(copy);

		Resource reparsed = set.createResource(URI.createURI("roundtrip:/reparsed/" + name));
		reparsed.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		EcoreUtil.resolveAll(reparsed);
		assertTrue(reparsed.getErrors().isEmpty(), () -> Parsing.describe(reparsed.getErrors()) + " in\n" + text);
		Map<EObject, ?> unresolved = EcoreUtil.UnresolvedProxyCrossReferencer.find(reparsed);
		assertTrue(unresolved.isEmpty(), () -> "unresolved " + unresolved + " in\n" + text);

		assertTrue(EcoreUtil.equals(original, reparsed.getContents().get(0)),
				() -> "the model of the serialized text differs from the original:\n" + text);
	}
}
