package org.vsestudio.dsl.formatting2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.internal.CommentReplacer;
import org.eclipse.xtext.formatting2.internal.HiddenRegionReplacer;
import org.eclipse.xtext.formatting2.internal.MultilineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.SinglelineDocCommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ITextSegment;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure1;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Files;
import org.vsestudio.dsl.vse.Group;
import org.vsestudio.dsl.vse.Import;
import org.vsestudio.dsl.vse.InlineSet;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.dsl.vse.Nic;
import org.vsestudio.dsl.vse.PackageSet;
import org.vsestudio.dsl.vse.Profile;

/**
 * The layout of the examples: one declaration per block with a blank line between blocks,
 * four spaces of indentation inside braces, one statement per line, and single spaces
 * between words and around operators.
 * <p>
 * Where the user chose a layout, the formatter keeps it rather than imposing one: an inline
 * set, a profile and a nic written on one line stay on one line (a profile's settings then
 * two spaces apart), and are laid out one item per line otherwise; up to one blank line
 * between statements is kept; declarations written on consecutive lines stay so; the spaces
 * that align the columns of a machine set's groups are kept. Comments are kept as written.
 * <p>
 * Every gap between two tokens is decided by exactly one object: the smallest whose text
 * holds both tokens. That object's format method owns the gap; its children own the gaps
 * inside them.
 */
@SuppressWarnings("restriction")
public class VseFormatter extends AbstractJavaFormatter {

	/** The indentation of the house layout, used when the request brings no preferences. */
	public static final String INDENTATION = "    ";

	/** What separates the settings of a profile written on one line. */
	private static final String SETTING_SEPARATOR = "  ";

	/** The keywords before which a group keeps the spaces that align it with the groups above. */
	private static final Set<String> GROUP_COLUMNS = Set.of("count", "nodes", "runs", "profile");

	/** How the body of a block in braces is laid out. */
	private enum Layout {
		/** One item per line, indented. */
		LINES,
		/** On one line, items one space apart. */
		LINE,
		/** On one line, items two spaces apart (profile settings). */
		SETTINGS
	}

	/** Decides one gap of an object between two tokens: the formatting, or null to leave it as it is. */
	@FunctionalInterface
	private interface GapRule {
		Procedure1<? super IHiddenRegionFormatter> decide(ISemanticRegion left, IHiddenRegion gap, ISemanticRegion right);
	}

	@Override
	protected void initialize(FormatterRequest request) {
		// the serializer asks without preferences; the editors pass theirs
		if (request.getPreferences() instanceof MapBasedPreferenceValues values && values.getDelegate() == null
				&& values.getValues().isEmpty()) {
			values.put(FormatterPreferenceKeys.indentation, INDENTATION);
		}
		super.initialize(request);
	}

	/* ------------------------------------------------------------ the file */

	/*
	 * Imports one per line; a blank line before each declaration, or the single line break
	 * the user wrote between two declarations. An import or declaration that holds a syntax
	 * error is left as written, and so are the gaps beside it: formatting it would guess at
	 * what the user meant. A syntax error counts against the element it follows (a missing
	 * '}' is reported at the next element or at the end of the file).
	 */
	protected void format(Model model, IFormattableDocument doc) {
		IEObjectRegion region = regionForEObject(model);
		if (region == null) {
			return;
		}
		if (region.getPreviousHiddenRegion() != null && region.getPreviousHiddenRegion().getNextSemanticRegion() == null) {
			IHiddenRegion all = region.getPreviousHiddenRegion();
			if (all.containsComment()) {
				// nothing but comments: at most one blank line between them, a line break at the end
				doc.set(all, f -> f.setNewLines(1, 1, 2));
			} else {
				doc.set(all, f -> {
					f.setNewLines(0);
					f.noSpace();
				});
			}
			return;
		}
		List<IEObjectRegion> cleanRegions = new ArrayList<>();
		List<Integer> errors = syntaxErrorOffsets(model);
		List<EObject> elements = model.eContents();
		for (int i = 0; i < elements.size(); i++) {
			IEObjectRegion elementRegion = regionForEObject(elements.get(i));
			if (elementRegion == null) {
				continue;
			}
			int start = i == 0 ? 0 : elementRegion.getOffset();
			IEObjectRegion next = i + 1 < elements.size() ? regionForEObject(elements.get(i + 1)) : null;
			int end = next == null ? Integer.MAX_VALUE : next.getOffset();
			if (errors.stream().noneMatch(offset -> start <= offset && offset < end)) {
				cleanRegions.add(elementRegion);
				doc.format(elements.get(i));
			}
		}
		Ranges clean = new Ranges(cleanRegions);
		gaps(model, doc, (left, gap, right) -> {
			if (!clean.hold(left, left) || !clean.hold(right, right)) {
				return null;
			}
			if (right.getSemanticElement() instanceof Import) {
				return f -> f.setNewLines(1, 1, 2);
			}
			if (gap.isUndefined() || gap.isMultiline()) {
				return f -> f.setNewLines(1, 2, 2);
			}
			return f -> f.setNewLines(2);
		});
		IHiddenRegion start = region.getPreviousHiddenRegion();
		ISemanticRegion first = start == null ? null : start.getNextSemanticRegion();
		if (first != null && clean.hold(first, first)) {
			if (start.containsComment()) {
				// the comments at the head of the file, then at most one blank line
				doc.set(start, f -> f.setNewLines(1, 1, 2));
			} else {
				doc.set(start, f -> {
					f.setNewLines(0);
					f.noSpace();
				});
			}
		}
		IHiddenRegion end = region.getNextHiddenRegion();
		ISemanticRegion last = end == null ? null : end.getPreviousSemanticRegion();
		if (last != null && clean.hold(last, last)) {
			doc.set(end, f -> f.setNewLines(1));
		}
	}

	/** The offsets of the syntax errors in the text of the model (none for a model without text). */
	private List<Integer> syntaxErrorOffsets(Model model) {
		List<Integer> offsets = new ArrayList<>();
		ICompositeNode root = getTextRegionAccess().hasSyntaxError() ? NodeModelUtils.getNode(model) : null;
		if (root != null) {
			for (INode node : root.getRootNode().getAsTreeIterable()) {
				if (node.getSyntaxErrorMessage() != null) {
					offsets.add(node.getOffset());
				}
			}
		}
		return offsets;
	}

	/* ------------------------------------------------------------ blocks in braces */

	protected void format(PackageSet set, IFormattableDocument doc) {
		block(set, Layout.LINES, doc);
	}

	protected void format(InlineSet set, IFormattableDocument doc) {
		int items = set.getRequirements().size() + set.getPackageConflicts().size();
		block(set, onOneLine(set, items <= 3) ? Layout.LINE : Layout.LINES, doc);
	}

	protected void format(Environment environment, IFormattableDocument doc) {
		block(environment, Layout.LINES, doc);
	}

	protected void format(Files files, IFormattableDocument doc) {
		block(files, Layout.LINES, doc);
	}

	protected void format(MachineSet machines, IFormattableDocument doc) {
		block(machines, Layout.LINES, doc);
	}

	protected void format(Profile profile, IFormattableDocument doc) {
		long nics = profile.getSettings().stream().filter(Nic.class::isInstance).count();
		block(profile, onOneLine(profile, nics <= 1) ? Layout.SETTINGS : Layout.LINES, doc);
	}

	/* nic { mac 52:54:00:12:34:56 network nat }, or mac and network on lines of their own */
	protected void format(Nic nic, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(nic).keyword("{");
		ISemanticRegion close = regionFor(nic).keyword("}");
		ISemanticRegion network = regionFor(nic).keyword("network");
		boolean lines = !onOneLine(nic, true);
		if (lines) {
			indent(open, close, doc);
		}
		gaps(nic, doc, (left, gap, right) -> {
			if (lines && (left == open || right == close || right == network)) {
				return this::newLine;
			}
			return words(left, right);
		});
		formatChildren(nic, doc);
	}

	/**
	 * The header of a block (everything of the object before its '{') gets single spaces; the
	 * body is laid out as {@code layout} says, an empty one as "{ }".
	 */
	private void block(EObject owner, Layout layout, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		boolean empty = open != null && close != null && open.getNextSemanticRegion() == close;
		if (layout == Layout.LINES && !empty) {
			indent(open, close, doc);
		}
		gaps(owner, doc, (left, gap, right) -> {
			if (empty && left == open) {
				return this::oneSpace;
			}
			boolean afterOpen = left == open;
			boolean beforeClose = right == close;
			boolean inBody = open != null && left.getOffset() > open.getOffset()
					&& (close == null || right.getEndOffset() < close.getEndOffset());
			if (!afterOpen && !beforeClose && !inBody) {
				return words(left, right);
			}
			switch (layout) {
				case LINES:
					if (afterOpen || beforeClose) {
						return this::newLine;
					}
					return f -> f.setNewLines(1, 1, 2);
				case SETTINGS:
					if (afterOpen || beforeClose) {
						return this::oneSpace;
					}
					return f -> f.setSpace(SETTING_SEPARATOR);
				default:
					return this::oneSpace;
			}
		});
		formatChildren(owner, doc);
	}

	private void indent(ISemanticRegion open, ISemanticRegion close, IFormattableDocument doc) {
		if (open != null && close != null) {
			doc.interior(open, close, this::indent);
		}
	}

	/**
	 * Whether the body of a block goes on one line: if the user wrote it on one line (no line
	 * break of white space or comment between its braces); for a model without text (the
	 * serializer's), if it is {@code shortEnough}.
	 */
	private boolean onOneLine(EObject object, boolean shortEnough) {
		ISemanticRegion open = regionFor(object).keyword("{");
		ISemanticRegion close = regionFor(object).keyword("}");
		if (open == null || close == null) {
			return false;
		}
		boolean written = false;
		for (ISemanticRegion token = open; token != null && token != close; token = token.getNextSemanticRegion()) {
			IHiddenRegion gap = token.getNextHiddenRegion();
			if (gap == null) {
				return false;
			}
			if (!gap.isUndefined()) {
				written = true;
				if (gap.isMultiline()) {
					return false;
				}
			}
		}
		return written || shortEnough;
	}

	/* ------------------------------------------------------------ statements */

	/*
	 * group head    count 1   runs climate.model  profile climate.large
	 * The spaces before count, nodes, runs and profile are kept when they are spaces only:
	 * they align the columns of several groups.
	 */
	protected void format(Group group, IFormattableDocument doc) {
		gaps(group, doc, (left, gap, right) -> {
			if (GROUP_COLUMNS.contains(right.getText()) && right.getSemanticElement() == group && !gap.isUndefined()) {
				String text = gap.getText();
				if (!text.isEmpty() && text.chars().allMatch(c -> c == ' ')) {
					return f -> f.setSpace(text);
				}
			}
			return words(left, right);
		});
		formatChildren(group, doc);
	}

	/** Every other object: single spaces between its words. */
	@Override
	protected void _format(EObject object, IFormattableDocument doc) {
		gaps(object, doc, (left, gap, right) -> words(left, right));
		formatChildren(object, doc);
	}

	/** One space between two words; none before a comma or a closing parenthesis, nor after an opening one. */
	private Procedure1<? super IHiddenRegionFormatter> words(ISemanticRegion left, ISemanticRegion right) {
		String l = left.getText();
		String r = right.getText();
		if (",".equals(r) || ")".equals(r) || "(".equals(l)) {
			return this::noSpace;
		}
		return this::oneSpace;
	}

	/* ------------------------------------------------------------ the gaps an object owns */

	/**
	 * Applies {@code rule} to every gap between two tokens of {@code owner} that no child of
	 * {@code owner} holds entirely.
	 */
	private void gaps(EObject owner, IFormattableDocument doc, GapRule rule) {
		IEObjectRegion region = regionForEObject(owner);
		if (region == null) {
			return;
		}
		List<IEObjectRegion> childRegions = new ArrayList<>();
		for (EObject child : owner.eContents()) {
			IEObjectRegion childRegion = regionForEObject(child);
			if (childRegion != null) {
				childRegions.add(childRegion);
			}
		}
		Ranges children = new Ranges(childRegions);
		ISemanticRegion left = null;
		for (ISemanticRegion right : region.getAllSemanticRegions()) {
			if (left != null && !children.hold(left, right)) {
				IHiddenRegion gap = left.getNextHiddenRegion();
				Procedure1<? super IHiddenRegionFormatter> formatting = rule.decide(left, gap, right);
				if (formatting != null && gap != null) {
					doc.set(gap, formatting);
				}
			}
			left = right;
		}
	}

	/** The text of some objects, to ask quickly (a file may hold thousands) whether one holds two tokens. */
	private static final class Ranges {

		private final int[] starts;

		/** The farthest end of the objects up to each one, in the order of their starts. */
		private final int[] ends;

		Ranges(List<IEObjectRegion> regions) {
			List<IEObjectRegion> sorted = new ArrayList<>(regions);
			sorted.sort(Comparator.comparingInt(IEObjectRegion::getOffset));
			starts = new int[sorted.size()];
			ends = new int[sorted.size()];
			for (int i = 0; i < starts.length; i++) {
				starts[i] = sorted.get(i).getOffset();
				ends[i] = Math.max(i == 0 ? 0 : ends[i - 1], sorted.get(i).getEndOffset());
			}
		}

		/** Whether one of the objects holds the text from the start of {@code first} to the end of {@code last}. */
		boolean hold(ISemanticRegion first, ISemanticRegion last) {
			int low = 0;
			int high = starts.length;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (starts[middle] <= first.getOffset()) {
					low = middle + 1;
				} else {
					high = middle;
				}
			}
			return low > 0 && ends[low - 1] >= last.getEndOffset();
		}
	}

	private void formatChildren(EObject owner, IFormattableDocument doc) {
		for (EObject child : owner.eContents()) {
			doc.format(child);
		}
	}

	/* ------------------------------------------------------------ white space and comments */

	/**
	 * Counts the line break that ends a "//" comment as one of the line breaks after it, so
	 * that a blank line after such a comment is kept; and never leaves white space at the
	 * start of the file.
	 */
	@Override
	public ITextReplacer createWhitespaceReplacer(ITextSegment hiddens, IHiddenRegionFormatting formatting) {
		return new WhitespaceReplacer(hiddens, formatting) {

			@Override
			protected int computeNewLineCount(ITextReplacerContext context) {
				Integer min = formatting.getNewLineMin();
				Integer preferred = formatting.getNewLineDefault();
				Integer max = formatting.getNewLineMax();
				if (min == null && preferred == null && max == null) {
					return 0;
				}
				if (getRegion() instanceof IHiddenRegion hidden && hidden.isUndefined()) {
					return preferred != null ? preferred : min != null ? min : max;
				}
				int count = getRegion().getLineCount() - 1 + trailingNewLinesOfPreviousRegion();
				if (min != null && count < min) {
					count = min;
				}
				if (max != null && count > max) {
					count = max;
				}
				return count;
			}

			@Override
			public ITextReplacerContext createReplacements(ITextReplacerContext context) {
				if (getRegion().getOffset() == 0 && getRegion().getLength() > 0) {
					context.addReplacement(getRegion().replaceWith(""));
					return context;
				}
				return super.createReplacements(context);
			}
		};
	}

	/**
	 * Around comments, where Xtext's choices would make a second formatting change what the
	 * first one wrote:
	 * <ul>
	 * <li>the line break between two tokens is the first white space that holds one or that
	 * follows a "//" comment (which ends with the line break), not only one that holds one;</li>
	 * <li>the blank lines on both sides of a comment are kept as the gap allows them, not only
	 * those on the side of that line break;</li>
	 * <li>a file ends with a line break after its last comment too;</li>
	 * <li>a comment after '{' belongs to the body and is indented with it, as is a comment
	 * before '}' (Xtext would indent at the line break before the next token).</li>
	 * </ul>
	 */
	@Override
	public ITextReplacer createHiddenRegionReplacer(IHiddenRegion region, IHiddenRegionFormatting formatting) {
		return new HiddenRegionReplacer(region, formatting) {
			@Override
			protected WhitespaceReplacer findWhitespaceThatSeparatesSemanticRegions(List<ITextReplacer> replacers) {
				for (ITextReplacer replacer : replacers) {
					if (replacer instanceof WhitespaceReplacer whitespace && (whitespace.getRegion().isMultiline()
							|| followsLineBreak(whitespace.getRegion()))) {
						return whitespace;
					}
				}
				return super.findWhitespaceThatSeparatesSemanticRegions(replacers);
			}

			@Override
			protected void applyPriorityAndDefaultFormatting(List<ITextReplacer> replacers,
					IHiddenRegionFormatting separator) {
				super.applyPriorityAndDefaultFormatting(replacers, separator);
				Integer min = formatting.getNewLineMin();
				Integer max = formatting.getNewLineMax();
				for (ITextReplacer replacer : replacers) {
					if (replacer instanceof WhitespaceReplacer whitespace && whitespace.getFormatting() != separator
							&& max != null && max > 1) {
						whitespace.getFormatting().setNewLinesMax(max);
					}
				}
				ITextReplacer last = replacers.get(replacers.size() - 1);
				if (region.getNextSemanticRegion() == null && min != null && min > 0
						&& last instanceof WhitespaceReplacer whitespace) {
					// the end of the file: one line break
					whitespace.getFormatting().setNewLinesMin(1);
					whitespace.getFormatting().setNewLinesMax(1);
				}
			}

			@Override
			protected void applyIndentation(List<ITextReplacer> replacers, IHiddenRegionFormatting separator) {
				Integer increase = formatting.getIndentationIncrease();
				Integer decrease = formatting.getIndentationDecrease();
				if (increase != null) {
					((WhitespaceReplacer) replacers.get(0)).getFormatting().setIndentationIncrease(increase);
				}
				if (decrease != null) {
					((WhitespaceReplacer) replacers.get(replacers.size() - 1)).getFormatting()
							.setIndentationDecrease(decrease);
				}
			}
		};
	}

	private static boolean followsLineBreak(ITextSegment whitespace) {
		int offset = whitespace.getOffset();
		return offset > 0 && "\n".equals(whitespace.getTextRegionAccess().textForOffset(offset - 1, 1));
	}

	/**
	 * Comments keep their text: only the white space around them is formatted. Text the lexer
	 * could not read at all (an unclosed bracket of a host list) comes as a hidden part
	 * without a rule; it is left as written too.
	 */
	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		if (!(comment.getGrammarElement() instanceof AbstractRule)) {
			return new CommentReplacer(comment) {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}

				@Override
				public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
				}
			};
		}
		ITextReplacer replacer = super.createCommentReplacer(comment);
		if (replacer instanceof MultilineCommentReplacer) {
			return new MultilineCommentReplacer(comment, '*') {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}
			};
		}
		if (replacer instanceof SinglelineDocCommentReplacer) {
			return new SinglelineDocCommentReplacer(comment, "//") {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}
			};
		}
		return replacer;
	}
}
