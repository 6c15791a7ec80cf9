package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.serializer.ISerializer;
import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.vse.Distribution;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.Repository;

/**
 * A name that is a keyword is written with a caret, wherever a name stands; the caret is not
 * part of the name, and the serializer writes it back. (A qualified name such as at.tools is
 * a word, not a keyword, and needs none.)
 */
class EscapedWordsTest {

	private static final String TEXT = """
			packageset at.tools for ^debian ^host {
			    ^at
			}

			environment e {
			    distribution debian ^host
			    repository "http://mirror.example/debian" suite ^host components ^main
			}

			machines m {
			    group ^nodes count 1 runs e
			}
			""";

	@Test
	void caretIsNotPartOfTheName() {
		Model model = Parsing.parseValid(TEXT);
		PackageSet set = (PackageSet) model.getDeclarations().get(0);
		assertEquals(List.of("at.tools", "debian", "host", "at"), List.of(set.getName(), set.getDistribution(),
				set.getRelease(), set.getRequirements().get(0).getPackageName()));
		Environment environment = (Environment) model.getDeclarations().get(1);
		assertEquals("host", ((Distribution) environment.getStatements().get(0)).getRelease());
		Repository repository = (Repository) environment.getStatements().get(1);
		assertEquals(List.of("host", List.of("main")), List.of(repository.getSuite(), repository.getComponents()));
		assertEquals("nodes", ((Group) ((MachineSet) model.getDeclarations().get(2)).getMembers().get(0)).getName());
	}

	@Test
	void serializerWritesTheCaretBack() {
		Model model = Parsing.parseValid(TEXT);
		Resource copy = Parsing.newResourceSet().createResource(URI.createURI("copy:/escaped.vse"));
		EObject copied = EcoreUtil.copy(model);
		copy.getContents().add(copied);
		String text = Examples.injector().getInstance(ISerializer.class).serialize(copied,
				SaveOptions.newBuilder().format().getOptions());
		// a caret where none is needed (^debian, ^main) is not written back
		assertEquals(TEXT.replace("^debian", "debian").replace("^main", "main"), text);
	}
}
