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
 * colour definitions, with a {@code .dark} variant used on a dark editor background); a
 * change presents again only the tokens it changed. Semantic highlighting
 * ({@link VseSemanticHighlighter}) is merged into every presentation.
 */
public class VsePresentationReconciler extends PresentationReconciler {

	/** The prefix of the colour definitions of the editor. */
	public static final String COLOR_PREFIX = "org.vsestudio.ui.editor.";

	private ITextViewer viewer;
	private final VseSemanticHighlighter semantic = new VseSemanticHighlighter(this);

	public VsePresentationReconciler() {
		Highlighter highlighter = new Highlighter();
		setDamager(highlighter, IDocument.DEFAULT_CONTENT_TYPE);
		setRepairer(highlighter, IDocument.DEFAULT_CONTENT_TYPE);
	}

	@Override
	public void install(ITextViewer textViewer) {
		this.viewer = textViewer;
		super.install(textViewer);
		semantic.install(textViewer);
	}

	@Override
	public void uninstall() {
		semantic.uninstall();
		super.uninstall();
	}

	boolean dark() {
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

	/** The tokens of one text: start, length and kind of each, in order. */
	private record Tokens(String text, int[] starts, int[] lengths, Kind[] kinds) {

		static Tokens of(String text) {
			int capacity = Math.max(16, text.length() / 4);
			int[] starts = new int[capacity];
			int[] lengths = new int[capacity];
			Kind[] kinds = new Kind[capacity];
			int n = 0;
			InternalVseLexer lexer = new InternalVseLexer(new ANTLRStringStream(text));
			Token token;
			int guard = text.length() + 1;
			while ((token = lexer.nextToken()).getType() != Token.EOF && guard-- > 0) {
				if (!(token instanceof CommonToken common)) {
					continue;
				}
				int start = common.getStartIndex();
				int length = common.getStopIndex() - start + 1;
				if (length <= 0) {
					continue;
				}
				if (n == starts.length) {
					starts = java.util.Arrays.copyOf(starts, n * 2);
					lengths = java.util.Arrays.copyOf(lengths, n * 2);
					kinds = java.util.Arrays.copyOf(kinds, n * 2);
				}
				starts[n] = start;
				lengths[n] = length;
				kinds[n] = kindOf(token);
				n++;
			}
			return new Tokens(text, java.util.Arrays.copyOf(starts, n), java.util.Arrays.copyOf(lengths, n),
					java.util.Arrays.copyOf(kinds, n));
		}

		int size() {
			return starts.length;
		}

		boolean same(int i, Tokens other, int j, int shift) {
			return starts[i] == other.starts[j] + shift && lengths[i] == other.lengths[j] && kinds[i] == other.kinds[j];
		}
	}

	private final class Highlighter implements IPresentationDamager, IPresentationRepairer {
		private IDocument document;
		/** The tokens of the text last highlighted. */
		private Tokens tokens;

		@Override
		public void setDocument(IDocument document) {
			this.document = document;
			this.tokens = null;
		}

		private Tokens tokens(String text) {
			Tokens known = tokens;
			if (known == null || !known.text().equals(text)) {
				known = Tokens.of(text);
				tokens = known;
			}
			return known;
		}

		/**
		 * The damage of a change: the tokens that differ from those of the text before it (a
		 * quote or a comment opener changes everything after it), not the whole text.
		 */
		@Override
		public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
			Tokens before = tokens;
			String text = event.getDocument().get();
			Tokens after = tokens(text);
			int whole = text.length();
			if (before == null) {
				return new Region(0, whole);
			}
			int inserted = event.getText() == null ? 0 : event.getText().length();
			int shift = inserted - event.getLength();
			int first = 0;
			int limit = Math.min(before.size(), after.size());
			while (first < limit && after.starts()[first] + after.lengths()[first] <= event.getOffset()
					&& after.same(first, before, first, 0)) {
				first++;
			}
			int lastAfter = after.size() - 1;
			int lastBefore = before.size() - 1;
			int changeEnd = event.getOffset() + inserted;
			while (lastAfter >= first && lastBefore >= first && after.starts()[lastAfter] >= changeEnd
					&& after.same(lastAfter, before, lastBefore, shift)) {
				lastAfter--;
				lastBefore--;
			}
			int start = Math.min(event.getOffset(), first < after.size() ? after.starts()[first] : whole);
			int end = Math.max(changeEnd,
					lastAfter >= 0 && lastAfter >= first ? after.starts()[lastAfter] + after.lengths()[lastAfter] : changeEnd);
			start = Math.max(0, Math.min(start, whole));
			end = Math.max(start, Math.min(end, whole));
			return new Region(start, end - start);
		}

		@Override
		public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
			Tokens all = tokens(document.get());
			ColorRegistry colors = JFaceResources.getColorRegistry();
			String suffix = dark() ? ".dark" : "";
			int from = damage.getOffset();
			int to = from + damage.getLength();
			int i = java.util.Arrays.binarySearch(all.starts(), from);
			i = i >= 0 ? i : Math.max(0, -i - 2);
			for (; i < all.size() && all.starts()[i] < to; i++) {
				Kind kind = all.kinds()[i];
				int start = Math.max(from, all.starts()[i]);
				int end = Math.min(to, all.starts()[i] + all.lengths()[i]);
				if (kind == Kind.DEFAULT || end <= start) {
					continue;
				}
				Color color = colors.get(kind.key() + suffix);
				if (color == null) {
					color = colors.get(kind.key());
				}
				presentation.addStyleRange(new StyleRange(start, end - start, color, null, kind.style));
			}
		}
	}
}
