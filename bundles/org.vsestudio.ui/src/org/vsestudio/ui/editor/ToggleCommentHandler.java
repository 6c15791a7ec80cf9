package org.vsestudio.ui.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Region;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Toggle Comment (Ctrl+/): comments out the selected lines with {@code //}, or, if every
 * non-blank one already is, uncomments them.
 */
public class ToggleCommentHandler extends VseEditorHandler {

	private static final String COMMENT = "//";

	@Override
	void run(ITextEditor editor, IDocument document, ITextSelection selection) throws BadLocationException {
		IRegion lines = toggle(document, selection.getOffset(), selection.getLength());
		if (selection.getLength() > 0) {
			editor.selectAndReveal(lines.getOffset(), lines.getLength());
		}
	}

	/**
	 * Toggles the comments of the lines of {@code [offset, offset + length)}.
	 *
	 * @return the region of those lines afterwards
	 */
	public static IRegion toggle(IDocument document, int offset, int length) throws BadLocationException {
		int first = document.getLineOfOffset(offset);
		int last = document.getLineOfOffset(offset + length);
		if (last > first && document.getLineOffset(last) == offset + length) {
			last--; // a selection that ends at a line start does not include that line
		}
		boolean allCommented = true;
		for (int line = first; line <= last; line++) {
			String text = lineText(document, line);
			if (!text.isBlank() && !text.stripLeading().startsWith(COMMENT)) {
				allCommented = false;
			}
		}
		for (int line = last; line >= first; line--) {
			String text = lineText(document, line);
			int start = document.getLineOffset(line);
			if (allCommented) {
				int at = text.indexOf(COMMENT);
				if (at >= 0) {
					int end = at + COMMENT.length();
					if (end < text.length() && text.charAt(end) == ' ') {
						end++;
					}
					document.replace(start + at, end - at, "");
				}
			} else if (!text.isBlank() || first == last) {
				document.replace(start, 0, COMMENT + " ");
			}
		}
		int end = document.getLineOffset(last) + document.getLineLength(last);
		String delimiter = document.getLineDelimiter(last);
		if (delimiter != null) {
			end -= delimiter.length();
		}
		int begin = document.getLineOffset(first);
		return new Region(begin, end - begin);
	}

	private static String lineText(IDocument document, int line) throws BadLocationException {
		IRegion region = document.getLineInformation(line);
		return document.get(region.getOffset(), region.getLength());
	}
}
