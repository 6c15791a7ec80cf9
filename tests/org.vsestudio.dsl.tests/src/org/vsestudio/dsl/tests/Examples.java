package org.vsestudio.dsl.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.vsestudio.dsl.VseStandaloneSetup;

import com.google.inject.Injector;

/** The example files of the language specification, and a resource set that holds them all. */
final class Examples {

	/** The examples folder, relative to the test bundle (the working directory of the tests). */
	static final Path FOLDER = Paths.get("../../examples").toAbsolutePath().normalize();

	/** The one example that must not parse. */
	static final Path SYNTAX_ERROR = FOLDER.resolve("invalid/syntax.vse");

	private static Injector injector;

	private Examples() {
	}

	static synchronized Injector injector() {
		if (injector == null) {
			injector = new VseStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return injector;
	}

	/** @return every .vse file below {@link #FOLDER}, sorted */
	static List<Path> all() {
		try (Stream<Path> files = Files.walk(FOLDER)) {
			return files.filter(p -> p.toString().endsWith(".vse")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return every example that is expected to parse */
	static List<Path> parseable() {
		return all().stream().filter(p -> !p.equals(SYNTAX_ERROR)).toList();
	}

	/** @return a new resource set with every example loaded (not yet linked) */
	static XtextResourceSet load() {
		XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
		for (Path file : all()) {
			set.getResource(uri(file), true);
		}
		return set;
	}

	static URI uri(Path file) {
		return URI.createFileURI(file.toString());
	}

	static Resource resource(XtextResourceSet set, Path file) {
		return set.getResource(uri(file), false);
	}

	/** @return the path of the example relative to the examples folder, for messages */
	static String name(Path file) {
		return FOLDER.relativize(file).toString();
	}
}
