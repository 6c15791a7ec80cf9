package org.vsestudio.dsl.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.Token;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.formatting2.FormatterPreferences;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.eclipse.xtext.preferences.IPreferenceValuesProvider;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.ExceptionAcceptor;

import com.google.inject.Key;
import com.google.inject.name.Names;

/** Formatting VSE text in tests, the way an editor asks the formatter. */
final class Formatting {

	private static int count;

	private Formatting() {
	}

	/** Parses {@code text} alone and formats it; any exception of the formatter is thrown. */
	static String format(String text) {
		return format(parse(Parsing.newResourceSet(), text));
	}

	/** Formats the text of {@code resource}; any exception of the formatter is thrown. */
	static String format(XtextResource resource) {
		ITextRegionAccess regions = Examples.injector().getInstance(TextRegionAccessBuilder.class)
				.forNodeModel(resource).create();
		IPreferenceValuesProvider preferences = Examples.injector()
				.getInstance(Key.get(IPreferenceValuesProvider.class, FormatterPreferences.class));
		FormatterRequest request = Examples.injector().getInstance(FormatterRequest.class);
		request.setExceptionHandler(ExceptionAcceptor.THROWING);
		request.setTextRegionAccess(regions);
		request.setPreferences(TypedPreferenceValues.castOrWrap(preferences.getPreferenceValues(resource)));
		List<ITextReplacement> replacements = Examples.injector().getInstance(IFormatter2.class).format(request);
		return regions.getRewriter().renderToString(replacements);
	}

	/** Parses {@code text} into a new resource of {@code set}, without linking it. */
	static XtextResource parse(XtextResourceSet set, String text) {
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("format:/text" + (++count) + ".vse"));
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return resource;
	}

	/** {@code text} with every run of white space (not comments) replaced by {@code space}. */
	static String respace(String text, String space) {
		return rewriteWhitespace(text, whitespace -> space);
	}

	/** {@code text} with every run of white space replaced by what {@code replace} makes of it. */
	static String rewriteWhitespace(String text, Function<String, String> replace) {
		XtextResource resource = parse(Parsing.newResourceSet(), text);
		StringBuilder result = new StringBuilder();
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			result.append(isWhitespace(leaf) ? replace.apply(leaf.getText()) : leaf.getText());
		}
		return result.toString();
	}

	/**
	 * {@code text} as the lexer reads it, without its white space: what the formatter must
	 * never change. (A "//" comment is compared without its line break, which the formatter
	 * adds at the end of the file.)
	 */
	static List<String> tokens(String text) {
		Lexer lexer = Examples.injector().getInstance(Key.get(Lexer.class, Names.named(LexerBindings.RUNTIME)));
		lexer.setCharStream(new ANTLRStringStream(text));
		List<String> tokens = new ArrayList<>();
		for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
			String word = token.getText() == null ? "" : token.getText().strip();
			if (!word.isEmpty()) {
				tokens.add(word);
			}
		}
		return tokens;
	}

	private static boolean isWhitespace(ILeafNode leaf) {
		return leaf.isHidden() && leaf.getGrammarElement() instanceof TerminalRule rule && "WS".equals(rule.getName());
	}
}
