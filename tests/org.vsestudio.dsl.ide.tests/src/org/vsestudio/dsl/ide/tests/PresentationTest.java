package org.vsestudio.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;
import org.vsestudio.dsl.ide.presentation.BlockFolds;
import org.vsestudio.dsl.ide.presentation.SemanticHighlights;

import com.google.inject.Injector;

/** What an editor shows of the model of a text: semantic highlights, and folds by the grammar's blocks. */
class PresentationTest {

	/** The injector of the other tests: another one would register a validator of its own with EMF first. */
	private static final Injector INJECTOR = VseQuickfixTest.INJECTOR;

	private static int count;

	private static XtextResource parse(String text) throws IOException {
		XtextResourceSet set = INJECTOR.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/presentation" + (++count) + ".vse"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return resource;
	}

	/** @return each highlight as "KIND word" */
	private static List<String> highlights(String text) throws IOException {
		List<String> result = new ArrayList<>();
		for (SemanticHighlights.Highlight h : SemanticHighlights.of(parse(text), CancelIndicator.NullImpl)) {
			result.add(h.kind() + " " + text.substring(h.offset(), h.offset() + h.length()));
		}
		return result;
	}

	/** @return each fold as its text */
	private static List<String> folds(String text) throws IOException {
		return BlockFolds.of(parse(text)).stream().map(f -> text.substring(f.offset(), f.offset() + f.length())).toList();
	}

	@Test
	void declarationsResolvedReferencesAndPackages() throws IOException {
		String text = """
				packageset tools { htop  conflicts mpich }
				packageset more requires tools, missing { gfortran }
				environment app {
				    packages += tools + more + nothing
				    reserved packages munge
				}
				profile big { memory 4 GiB }
				machines cluster {
				    group head count 1 runs app profile big
				    group work count 2 runs gone profile big
				    work uses head
				    deploy work as virtual
				}
				""";
		assertEquals(List.of("DECLARATION tools", "PACKAGE htop", "PACKAGE mpich", "DECLARATION more", "REFERENCE tools",
				"PACKAGE gfortran", "DECLARATION app", "REFERENCE tools", "REFERENCE more", "PACKAGE munge",
				"DECLARATION big", "DECLARATION cluster", "DECLARATION head", "REFERENCE app", "REFERENCE big",
				"DECLARATION work", "REFERENCE big", "REFERENCE work", "REFERENCE head", "REFERENCE work"), highlights(text),
				"missing, nothing and gone do not resolve: not highlighted");
	}

	@Test
	void blocksAndCommentsOfSeveralLinesFold() throws IOException {
		String text = """
				/* a comment
				   of two lines */
				packageset one { htop }
				packageset two {
				    htop
				}
				environment e {
				    run "echo {
				    }"
				    files {
				        delete "/x"
				    }
				}
				// { not a block
				profile p { nic {
				    network nat } }
				""";
		assertEquals(List.of("/* a comment\n   of two lines */\n", "packageset two {\n    htop\n}\n",
				text.substring(text.indexOf("environment e"), text.indexOf("// {")),
				"    files {\n        delete \"/x\"\n    }\n", "profile p { nic {\n    network nat } }\n"), folds(text));
	}

	@Test
	void aBlockWithoutItsClosingBraceDoesNotFold() throws IOException {
		assertEquals(List.of("packageset b {\n    htop\n}\n"),
				folds("packageset a {\n    htop\n\npackageset b {\n    htop\n}\n"));
	}
}
