package org.vsestudio.dsl.ide.presentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The foldable regions of a parsed {@code .vse} text, from its parse tree: each block between
 * a {@code {} and its {@code }} (the bodies of package sets, environments, profiles, machine
 * sets, {@code files}, {@code nic}, inline sets) and each multi-line comment, when it spans
 * more than one line. Braces inside strings and comments are not blocks; a block whose
 * closing brace is missing is not folded.
 */
public final class BlockFolds {

	/**
	 * A region of whole lines: from the start of the line where the construct starts to the
	 * end of the line of its last character, its line break included.
	 */
	public record Fold(int offset, int length) {
	}

	private BlockFolds() {
	}

	/** @return the folds of {@code resource}, in the order of the text */
	public static List<Fold> of(XtextResource resource) {
		List<Fold> folds = new ArrayList<>();
		if (resource.getParseResult() == null || resource.getParseResult().getRootNode() == null) {
			return folds;
		}
		ICompositeNode root = resource.getParseResult().getRootNode();
		String text = root.getText();
		for (ILeafNode leaf : root.getLeafNodes()) {
			if (leaf.isHidden()) {
				if (leaf.getGrammarElement() instanceof TerminalRule rule && "ML_COMMENT".equals(rule.getName())) {
					add(folds, text, leaf.getTotalOffset(), leaf.getTotalEndOffset() - 1);
				}
			} else if (isKeyword(leaf, "{")) {
				INode close = closing(leaf);
				if (close != null) {
					add(folds, text, start(leaf), close.getOffset());
				}
			}
		}
		folds.sort(Comparator.comparingInt(Fold::offset).thenComparing(Comparator.comparingInt(Fold::length).reversed()));
		return folds;
	}

	/** @return the {@code }} that closes {@code open} among its siblings in the parse tree, or {@code null} */
	private static INode closing(ILeafNode open) {
		int depth = 0;
		for (INode sibling = open.getNextSibling(); sibling != null; sibling = sibling.getNextSibling()) {
			if (isKeyword(sibling, "{")) {
				depth++;
			} else if (isKeyword(sibling, "}")) {
				if (depth == 0) {
					return sibling;
				}
				depth--;
			}
		}
		return null;
	}

	/** @return where the construct that {@code open} is the block of starts: its first keyword */
	private static int start(ILeafNode open) {
		EObject owner = NodeModelUtils.findActualSemanticObjectFor(open);
		ICompositeNode node = owner == null ? null : NodeModelUtils.getNode(owner);
		if (node != null && node.getOffset() <= open.getOffset()) {
			return node.getOffset();
		}
		return open.getOffset();
	}

	private static boolean isKeyword(INode node, String value) {
		return node instanceof ILeafNode && node.getGrammarElement() instanceof Keyword k && value.equals(k.getValue());
	}

	/** Adds the lines from the one of {@code first} to the one of {@code last}, if they are several. */
	private static void add(List<Fold> folds, String text, int first, int last) {
		if (first < 0 || last >= text.length() || last <= first) {
			return;
		}
		int start = text.lastIndexOf('\n', first - 1) + 1;
		if (text.indexOf('\n', first) < 0 || text.indexOf('\n', first) >= last) {
			return; // one line
		}
		int newline = text.indexOf('\n', last);
		int end = newline < 0 ? text.length() : newline + 1;
		Fold fold = new Fold(start, end - start);
		if (!folds.contains(fold)) { // a block in a block, both on the same lines
			folds.add(fold);
		}
	}
}
