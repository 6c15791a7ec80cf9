package org.vsestudio.dsl.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.vsestudio.dsl.vse.Model;

/** Parsing VSE text in tests. */
final class Parsing {

	private static int count;

	private Parsing() {
	}

	static XtextResourceSet newResourceSet() {
		return Examples.injector().getInstance(XtextResourceSet.class);
	}

	/** Parses {@code text} into a new resource of {@code set} and links it. */
	static Resource parse(ResourceSet set, String text) {
		Resource resource = set.createResource(URI.createURI("test:/text" + (++count) + ".vse"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		EcoreUtil.resolveAll(resource);
		return resource;
	}

	/** Parses {@code text} alone, and returns its model after checking there is no error at all. */
	static Model parseValid(String text) {
		Resource resource = parse(newResourceSet(), text);
		if (!resource.getErrors().isEmpty()) {
			throw new AssertionError(describe(resource.getErrors()) + " in\n" + text);
		}
		return (Model) resource.getContents().get(0);
	}

	static List<Resource.Diagnostic> syntaxErrors(Resource resource) {
		return resource.getErrors().stream().filter(XtextSyntaxDiagnostic.class::isInstance).toList();
	}

	static String describe(List<Resource.Diagnostic> diagnostics) {
		return diagnostics.stream().map(d -> "line " + d.getLine() + ": " + d.getMessage())
				.collect(Collectors.joining("; ", "[", "]"));
	}
}
