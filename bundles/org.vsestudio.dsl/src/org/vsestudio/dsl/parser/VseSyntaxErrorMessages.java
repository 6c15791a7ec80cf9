package org.vsestudio.dsl.parser;

import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;
import org.eclipse.xtext.diagnostics.Diagnostic;

/**
 * Syntax errors in words a scientist understands: what was found, and for the usual
 * slips (an operator written backwards, a brace never closed) what to write instead.
 * The issue code stays Xtext's syntax code, so that every syntax error shares one code.
 */
public class VseSyntaxErrorMessages extends SyntaxErrorMessageProvider {

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		Token token = e == null ? null : e.token;
		if (token == null) {
			return super.getSyntaxErrorMessage(context);
		}
		String text = token.getText();
		String message;
		if (token.getType() == Token.EOF) {
			message = e instanceof MismatchedTokenException m && m.expecting >= 0
					&& "'}'".equals(context.getTokenNames()[m.expecting])
							? "The file ends before a block is closed: a '}' is missing."
							: "The file ends in the middle of a declaration.";
		} else if ((">".equals(text) || "<".equals(text)) && precededByEquals(context, token)) {
			message = "'=" + text + "' is not a version operator: write '" + text + "=' (or '"
					+ (">".equals(text) ? "gte" : "lte") + "').";
		} else if ("=".equals(text) && precededBy(context, token, '=')) {
			message = "'==' is not a version operator: write '=' (or 'eq').";
		} else {
			String found = super.getSyntaxErrorMessage(context).getMessage();
			message = "Unexpected '" + text + "' here (" + found + ").";
		}
		return new SyntaxErrorMessage(message, Diagnostic.SYNTAX_DIAGNOSTIC);
	}

	private static boolean precededByEquals(IParserErrorContext context, Token token) {
		return precededBy(context, token, '=');
	}

	private static boolean precededBy(IParserErrorContext context, Token token, char c) {
		if (!(token instanceof org.antlr.runtime.CommonToken common) || context.getCurrentNode() == null) {
			return false;
		}
		String all = context.getCurrentNode().getRootNode().getText();
		int start = common.getStartIndex();
		return start > 0 && start <= all.length() && all.charAt(start - 1) == c;
	}
}
