package org.vsestudio.ui.editor;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.vsestudio.dsl.parser.antlr.internal.InternalVseLexer;
import org.vsestudio.dsl.parser.antlr.internal.InternalVseParser;

/**
 * Syntax highlighting with the language's own lexer: keywords, comments, strings, numbers
 * and versions, operators, in the colours of the theme ({@code org.vsestudio.ui.editor.*}
 * colour definitions, with a {@code .dark} variant used on a dark editor background).
 */
public class VsePresentationReconciler extends PresentationReconciler {

	/** The prefix of the colour definitions of the editor. */
	public static final String COLOR_PREFIX = "org.vsestudio.ui.editor.";

	private ITextViewer viewer;

	public VsePresentationReconciler() {
		Highlighter highlighter = new Highlighter();
		setDamager(highlighter, IDocument.DEFAULT_CONTENT_TYPE);
		setRepairer(highlighter, IDocument.DEFAULT_CONTENT_TYPE);
	}

	@Override
	public void install(ITextViewer textViewer) {
		this.viewer = textViewer;
		super.install(textViewer);
	}

	private boolean dark() {
		if (viewer == null || viewer.getTextWidget() == null) {
			return false;
		}
		RGB bg = viewer.getTextWidget().getBackground().getRGB();
		return (bg.red * 299 + bg.green * 587 + bg.blue * 114) / 1000 < 128;
	}

	/** The style of a token kind. */
	enum Kind {
		KEYWORD(SWT.BOLD), COMMENT(SWT.NORMAL), STRING(SWT.NORMAL), NUMBER(SWT.NORMAL), VERSION(SWT.NORMAL),
		OPERATOR(SWT.NORMAL), DEFAULT(SWT.NORMAL);

		final int style;

		Kind(int style) {
			this.style = style;
		}

		String key() {
			return COLOR_PREFIX + name().toLowerCase();
		}
	}

	/** @return the kind of an ANTLR token of the language */
	static Kind kindOf(int type) {
		if (type < 0 || type >= InternalVseParser.tokenNames.length) {
			return Kind.DEFAULT;
		}
		String name = InternalVseParser.tokenNames[type];
		if (name.startsWith("'")) {
			String text = name.substring(1, name.length() - 1);
			return Character.isLetter(text.charAt(0)) ? Kind.KEYWORD : Kind.OPERATOR;
		}
		return switch (name) {
		case "RULE_SL_COMMENT", "RULE_ML_COMMENT" -> Kind.COMMENT;
		case "RULE_STRING" -> Kind.STRING;
		case "RULE_INT" -> Kind.NUMBER;
		default -> Kind.DEFAULT;
		};
	}

	/** A word that starts with a digit is a version (or a size, a MAC address). */
	static Kind kindOf(Token token) {
		Kind kind = kindOf(token.getType());
		if (kind == Kind.DEFAULT && "RULE_WORD".equals(name(token.getType())) && token.getText() != null
				&& !token.getText().isEmpty() && Character.isDigit(token.getText().charAt(0))) {
			return Kind.VERSION;
		}
		return kind;
	}

	private static String name(int type) {
		return type >= 0 && type < InternalVseParser.tokenNames.length ? InternalVseParser.tokenNames[type] : "";
	}

	private final class Highlighter implements IPresentationDamager, IPresentationRepairer {
		private IDocument document;

		@Override
		public void setDocument(IDocument document) {
			this.document = document;
		}

		@Override
		public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
			// a quote or a comment opener changes everything after it: lex the whole text
			return new Region(0, event.getDocument().getLength());
		}

		@Override
		public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
			String text = document.get();
			ColorRegistry colors = JFaceResources.getColorRegistry();
			String suffix = dark() ? ".dark" : "";
			InternalVseLexer lexer = new InternalVseLexer(new ANTLRStringStream(text));
			Token token;
			int guard = text.length() + 1;
			while ((token = lexer.nextToken()).getType() != Token.EOF && guard-- > 0) {
				Kind kind = kindOf(token);
				if (kind == Kind.DEFAULT || !(token instanceof CommonToken common)) {
					continue;
				}
				int start = common.getStartIndex();
				int length = common.getStopIndex() - start + 1;
				if (length <= 0) {
					continue;
				}
				Color color = colors.get(kind.key() + suffix);
				if (color == null) {
					color = colors.get(kind.key());
				}
				StyleRange range = new StyleRange(start, length, color, null, kind.style);
				presentation.addStyleRange(range);
			}
		}
	}
}
