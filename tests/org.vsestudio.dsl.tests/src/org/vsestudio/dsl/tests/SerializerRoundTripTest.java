package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example that parses is written back by the serializer and parsed again, and must give
 * an equal model: from its own model (the serializer then keeps the text it came from, and
 * with formatting writes exactly what the formatter writes), and from a copy of its model (so
 * without the text it came from: everything is laid out by the formatter).
 */
class SerializerRoundTripTest {

	private static final SaveOptions FORMAT = SaveOptions.newBuilder().format().getOptions();

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

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void exampleWithFormatting(Path file) throws IOException {
		XtextResourceSet set = Examples.load();
		EcoreUtil.resolveAll(set);
		EObject model = Examples.resource(set, file).getContents().get(0);
		String text = serializer().serialize(model, FORMAT);
		// the examples are laid out as the formatter lays them out, so nothing changes
		assertEquals(Files.readString(file), text);
		assertEqualModels(model, reparse(set, text, "formatted/" + Examples.name(file)), text);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void exampleWithoutTextIsLaidOutByTheFormatter(Path file) throws IOException {
		XtextResourceSet set = Examples.load();
		EcoreUtil.resolveAll(set);
		String text = assertRoundTrip(set, Examples.resource(set, file).getContents().get(0),
				"laid-out/" + Examples.name(file), FORMAT);
		assertEquals(text, Formatting.format(text), "the formatter would change what the serializer laid out");
	}

	@Test
	void everyConstruct() throws IOException {
		XtextResourceSet set = Parsing.newResourceSet();
		Resource resource = Parsing.parse(set, AllConstructs.TEXT);
		assertTrue(resource.getErrors().isEmpty(), () -> Parsing.describe(resource.getErrors()));
		assertRoundTrip(set, resource.getContents().get(0), "all-constructs.vse");
		String text = assertRoundTrip(set, resource.getContents().get(0), "all-constructs-laid-out.vse", FORMAT);
		assertEquals(text, Formatting.format(text));
	}

	@Test
	void everyConstructWithFormatting() throws IOException {
		XtextResourceSet set = Parsing.newResourceSet();
		Resource resource = Parsing.parse(set, AllConstructs.TEXT);
		String text = serializer().serialize(resource.getContents().get(0), FORMAT);
		assertEquals(Formatting.format(AllConstructs.TEXT), text);
		assertEqualModels(resource.getContents().get(0), reparse(set, text, "formatted/all-constructs.vse"), text);
	}

	/* A model without text is laid out as the examples are: short blocks on one line, the others one item per line. */
	@Test
	void modelWithoutTextIsWellLaidOut() throws IOException {
		XtextResourceSet set = Parsing.newResourceSet();
		Resource resource = Parsing.parse(set, """
				environment e {packages {a b c d} packages += {a b} - {c}}
				profile p {memory 1 GiB nic {network nat}}
				profile q {memory 1 GiB nic {network nat} nic {network nat}}
				machines m {group g count 2 runs e profile p} machines n = m
				""");
		String text = assertRoundTrip(set, resource.getContents().get(0), "laid-out.vse", FORMAT);
		assertEquals("""
				environment e {
				    packages {
				        a
				        b
				        c
				        d
				    }
				    packages += { a b } - { c }
				}

				profile p { memory 1 GiB  nic { network nat } }

				profile q {
				    memory 1 GiB
				    nic { network nat }
				    nic { network nat }
				}

				machines m {
				    group g count 2 runs e profile p
				}

				machines n = m
				""", text);
	}

	/* Both spellings of an operator mean the same; the serializer keeps the one the user wrote. */
	@Test
	void operatorsKeepTheirSpelling() {
		String text = """
				packageset p {
				    a gte 1
				    b >= 1
				    c (gt 1 & lte 2)
				}

				environment e {
				    packages += p | p + p
				}
				""";
		Resource resource = Parsing.parse(Parsing.newResourceSet(), text);
		assertEquals(text, serializer().serialize(resource.getContents().get(0), FORMAT));
		assertEquals(text, serializer().serialize(resource.getContents().get(0)));
	}

	private static ISerializer serializer() {
		return Examples.injector().getInstance(ISerializer.class);
	}

	private static String assertRoundTrip(XtextResourceSet set, EObject original, String name) throws IOException {
		return assertRoundTrip(set, original, name, SaveOptions.defaultOptions());
	}

	/**
	 * Serializes a copy of {@code original} with {@code options}, parses the text in {@code set}
	 * and compares the models.
	 *
	 * @return the serialized text
	 */
	private static String assertRoundTrip(XtextResourceSet set, EObject original, String name, SaveOptions options)
			throws IOException {
		// the copy has no node model: everything is written by the serializer
		Resource copyResource = set.createResource(URI.createURI("roundtrip:/copy/" + name));
		EObject copy = EcoreUtil.copy(original);
		copyResource.getContents().add(copy);
		String text = serializer().serialize(copy, options);
		assertEqualModels(original, reparse(set, text, name), text);
		return text;
	}

	/** Parses {@code text} into a new resource of {@code set}, links it and returns its model. */
	private static EObject reparse(XtextResourceSet set, String text, String name) throws IOException {
		Resource reparsed = set.createResource(URI.createURI("roundtrip:/reparsed/" + name));
		reparsed.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		EcoreUtil.resolveAll(reparsed);
		assertTrue(reparsed.getErrors().isEmpty(), () -> Parsing.describe(reparsed.getErrors()) + " in\n" + text);
		Map<EObject, ?> unresolved = EcoreUtil.UnresolvedProxyCrossReferencer.find(reparsed);
		assertTrue(unresolved.isEmpty(), () -> "unresolved " + unresolved + " in\n" + text);
		return reparsed.getContents().get(0);
	}

	private static void assertEqualModels(EObject expected, EObject actual, String text) {
		assertTrue(EcoreUtil.equals(expected, actual),
				() -> "the model of the serialized text differs from the original:\n" + text);
	}
}
