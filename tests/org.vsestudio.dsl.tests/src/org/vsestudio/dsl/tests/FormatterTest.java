package org.vsestudio.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ExceptionAcceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The formatter lays a file out as the examples are laid out, keeps the layout choices the
 * user made, never changes a word, and formatting twice gives what formatting once gave.
 */
class FormatterTest {

	static List<Path> examples() {
		return Examples.parseable();
	}

	/** Every example and a messy version of it: the same words with other white space. */
	static Stream<Arguments> messyVersions() throws IOException {
		Map<String, java.util.function.Function<String, String>> messes = Map.of(
				"as written", text -> text,
				"white space collapsed to single spaces", text -> Formatting.respace(text, " "),
				"extra line breaks", text -> Formatting.respace(text, "\n\n\n"),
				"a line break added to every gap", text -> Formatting.rewriteWhitespace(text, space -> space + "\n"),
				"tabs and spaces", text -> Formatting.rewriteWhitespace(text, space -> space.replace("\n", "\n\t  ") + "\t"));
		Stream.Builder<Arguments> all = Stream.builder();
		for (Path file : Examples.all()) {
			String text = Files.readString(file);
			messes.forEach((mess, apply) -> all.add(Arguments.of(Examples.name(file) + ", " + mess, apply.apply(text))));
		}
		messes.forEach((mess, apply) -> all.add(Arguments.of("every construct, " + mess, apply.apply(AllConstructs.TEXT))));
		return all.build();
	}

	/* The house layout is the layout of the examples: each one formats to itself. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void exampleFormatsToItself(Path file) throws IOException {
		String text = Files.readString(file);
		assertEquals(text, Formatting.format(text));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("messyVersions")
	void formattingTwiceChangesNothingMore(String name, String text) {
		String once = Formatting.format(text);
		assertEquals(Formatting.tokens(text), Formatting.tokens(once), "the formatter changed a word");
		assertEquals(once, Formatting.format(once), () -> "formatted once:\n" + once);
	}

	@Test
	void collapsedExampleGetsTheHouseLayout() throws IOException {
		String collapsed = Formatting.respace(Files.readString(Examples.FOLDER.resolve("site/ornl.vse")), " ");
		assertEquals("""
				// expect valid
				// The site's base environment: every VSE deployed here derives from it.
				environment ornl.base {
				    distribution debian bookworm
				    architecture amd64
				    repositories from host
				    packages { systemd-sysv linux-image-amd64 openssh-server munge slurm-client >= 22.05 }
				    reserved packages munge, slurm-client
				    reserved boot
				    boot options "console=ttyS0"
				    protection at least medium
				}

				profile ornl.standard { memory 2 GiB  cpus 2  disk 8 GiB  nic { network nat } }
				""", Formatting.format(collapsed));
	}

	@Test
	void wordsAndOperatorsGetSingleSpaces() {
		assertEquals("""
				packageset p requires q, r {
				    a >= 1
				    b (>= 1.10 & < 1.12)
				    c gte 3
				    conflicts d
				}

				packageset q { }

				packageset r { }

				environment e {
				    packages += p + q & (r - { x })
				    reserved packages a, b
				}

				machines m = (a - b) + c
				""", Formatting.format("""
				packageset p requires q ,r{a>=1 b( >=1.10&<1.12 )
				c   gte 3 conflicts
				d}packageset q{}packageset r {
				} environment e{packages +=p   +q&( r - {x} )reserved packages a ,b} machines m=(a - b)+c"""));
	}

	@Test
	void inlineSetsStayOnOneLineIfWrittenSo() {
		assertEquals("""
				environment e {
				    packages += { }
				    packages += { htop = 3.2.2-2 }
				    packages -= {
				        munge
				        slurm-client
				    } + { a b }
				}
				""", Formatting.format("""
				environment e {
				  packages += {}
				  packages += {htop=3.2.2-2}
				  packages -= { munge
				  slurm-client } + {a   b}
				}
				"""));
	}

	@Test
	void profilesStayOnOneLineIfWrittenSo() {
		assertEquals("""
				profile small { memory 512 MiB  cpus 1  nic { mac 52:54:00:12:34:56 network bridge "br0" } }

				profile large extends small {
				    memory 16 GiB
				    cpus 8
				    nic { network nat }
				    nic {
				        mac 52:54:00:12:34:57
				        network nat
				    }
				}
				""", Formatting.format("""
				profile small {memory 512 MiB cpus    1 nic{mac 52:54:00:12:34:56 network bridge "br0"}} profile large extends small { memory 16 GiB
				    cpus 8 nic { network nat }
				  nic { mac 52:54:00:12:34:57
				  network nat } }
				"""));
	}

	@Test
	void groupsKeepTheSpacesThatAlignThem() {
		assertEquals("""
				machines m {
				    group head    count 1   runs e  profile p
				    group compute count 64  runs e  profile p
				    group io nodes io[01-04] runs e
				    deploy io as diskless nfs
				}
				""", Formatting.format("""
				machines m {
				  group head    count 1   runs e  profile p
				      group compute count 64  runs e  profile p
				  group	io
				  nodes io[01-04]	runs
				  e
				  deploy io as   diskless	nfs
				}
				"""));
	}

	@Test
	void blankLinesAreKeptUpToOne() {
		assertEquals("""
				environment e {
				    distribution debian bookworm

				    architecture amd64
				    run "a"
				}
				environment f { }

				environment g { }
				""", Formatting.format("""


				environment e {

				    distribution debian bookworm



				    architecture amd64
				    run "a"

				}
				environment f { } environment g { }


				"""));
	}

	@Test
	void commentsAreKeptAsWritten() {
		String text = """
				// expect valid
				//no space after the slashes

				/* a block
				   comment */
				import ornl.*

				environment e { // why e
				    // the distribution
				    distribution debian bookworm /* for now */

				// packages += { htop }
				    run "make"
				}
				""";
		assertEquals(text, Formatting.format(text));
		assertEquals(text, Formatting.format(Formatting.rewriteWhitespace(text, space -> space.replace("    ", "  "))));
	}

	@Test
	void emptyFilesAndCommentsAlone() {
		assertEquals("", Formatting.format(""));
		assertEquals("", Formatting.format("\n\n  \n"));
		assertEquals("// nothing yet\n", Formatting.format("// nothing yet\n"));
		assertEquals("// a\n\n// b\n", Formatting.format("  // a\n\n\n// b"));
		assertEquals("/**/\n", Formatting.format("/**/"));
		assertEquals("environment e { } // last\n", Formatting.format("environment e {} // last"));
		assertEquals("environment e { }\n// a\n// b\n", Formatting.format("environment e { }\n// a\n// b\n\n\n"));
	}

	/* Inputs on which an earlier formatter was not idempotent (found by FuzzTest). */
	@ParameterizedTest
	@ValueSource(strings = { "packageset i{}/*\n*/ \n\nenvironment e {\n}", "// a\n\n// b", "/**/\n", "/**/",
			"environment e { } // a\n\n// b", "environment e {\n    run \"a\" // a\n\n\n    // b\n\n\n    run \"b\"\n}",
			"environment e { /* a */\n\n/* b */ }" })
	void commentsAroundGapsFormatOnce(String text) {
		String once = Formatting.format(text);
		assertEquals(Formatting.tokens(text), Formatting.tokens(once), "the formatter changed a word");
		assertEquals(once, Formatting.format(once), () -> "formatted once:\n" + once);
	}

	/* A declaration with a syntax error is left as written; the others are formatted. */
	@Test
	void declarationsWithSyntaxErrorsAreLeftAsWritten() throws IOException {
		String syntax = Files.readString(Examples.SYNTAX_ERROR);
		assertEquals(syntax, Formatting.format(syntax));
		assertEquals("""
				environment e {
				    run "a"
				}
				environment   broken {  packages { a => 1 }  }
				profile p { memory 1 GiB }
				""", Formatting.format("""
				environment e { run "a" }
				environment   broken {  packages { a => 1 }  }
				profile p {memory 1 GiB}
				"""));
	}

	/* The editor's preference wins over the house's four spaces. */
	@Test
	void indentationFollowsThePreferences() {
		XtextResource resource = Formatting.parse(Parsing.newResourceSet(), "environment e { run \"a\" }");
		ITextRegionAccess regions = Examples.injector().getInstance(TextRegionAccessBuilder.class)
				.forNodeModel(resource).create();
		MapBasedPreferenceValues preferences = new MapBasedPreferenceValues();
		preferences.put(FormatterPreferenceKeys.indentation, "\t");
		FormatterRequest request = Examples.injector().getInstance(FormatterRequest.class);
		request.setExceptionHandler(ExceptionAcceptor.THROWING);
		request.setTextRegionAccess(regions);
		request.setPreferences(preferences);
		String text = regions.getRewriter()
				.renderToString(Examples.injector().getInstance(IFormatter2.class).format(request));
		assertEquals("environment e {\n\trun \"a\"\n}\n", text);
	}
}
