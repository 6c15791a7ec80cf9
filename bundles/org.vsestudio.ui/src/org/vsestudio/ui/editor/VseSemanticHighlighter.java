package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.BadPositionCategoryException;
import org.eclipse.jface.text.DefaultPositionUpdater;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IPositionUpdater;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.ITextViewerExtension2;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.vsestudio.dsl.ide.presentation.SemanticHighlights;
import org.vsestudio.dsl.ide.presentation.SemanticHighlights.Highlight;
import org.vsestudio.dsl.ide.presentation.SemanticHighlights.Kind;

/**
 * Semantic highlighting: the names a declaration introduces, the references that resolve and
 * the package names, as {@link SemanticHighlights} finds them in the model the background
 * check has parsed and linked, in the theme's colours ({@code org.vsestudio.ui.editor.declaration},
 * {@code reference}, {@code package}, each with a {@code .dark} variant).
 *
 * <p>The highlights are positions of the document, so they follow the text as it is typed; each
 * presentation the lexer makes gets them merged in. When a new model arrives, only the part
 * of the text between the first and the last highlight that changed is presented again.
 */
final class VseSemanticHighlighter implements ITextPresentationListener {

	private static final String CATEGORY = "org.vsestudio.ui.editor.semantic";

	/** A highlight as a position of the document. */
	private static final class Styled extends Position {
		final Kind kind;

		Styled(int offset, int length, Kind kind) {
			super(offset, length);
			this.kind = kind;
		}

		Highlight highlight() {
			return new Highlight(offset, length, kind);
		}
	}

	private final VsePresentationReconciler reconciler;
	private ITextViewer viewer;
	private IDocument document;
	private VseDocumentSession session;
	private final IPositionUpdater updater = new DefaultPositionUpdater(CATEGORY);
	private final Consumer<VseDocumentSession.Shape> shapes = shape -> {
		ITextViewer v = viewer;
		StyledText widget = v == null ? null : v.getTextWidget();
		if (widget != null && !widget.isDisposed()) {
			widget.getDisplay().asyncExec(() -> show(shape));
		}
	};

	private final ITextInputListener inputs = new ITextInputListener() {
		@Override
		public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
			disconnect();
		}

		@Override
		public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
			connect(newInput);
		}
	};

	VseSemanticHighlighter(VsePresentationReconciler reconciler) {
		this.reconciler = reconciler;
	}

	void install(ITextViewer textViewer) {
		viewer = textViewer;
		if (viewer instanceof ITextViewerExtension4 extension) {
			extension.addTextPresentationListener(this);
		}
		viewer.addTextInputListener(inputs);
		connect(viewer.getDocument());
	}

	void uninstall() {
		if (viewer != null) {
			if (viewer instanceof ITextViewerExtension4 extension) {
				extension.removeTextPresentationListener(this);
			}
			viewer.removeTextInputListener(inputs);
		}
		disconnect();
		viewer = null;
	}

	private void connect(IDocument newDocument) {
		if (newDocument == null) {
			return;
		}
		document = newDocument;
		document.addPositionCategory(CATEGORY);
		document.addPositionUpdater(updater);
		session = VseServices.session(newDocument);
		session.addShapeListener(shapes);
		VseDocumentSession.Shape known = session.lastShape();
		if (known != null) {
			shapes.accept(known);
		}
	}

	private void disconnect() {
		if (session != null) {
			session.removeShapeListener(shapes);
			session = null;
		}
		if (document != null) {
			document.removePositionUpdater(updater);
			try {
				document.removePositionCategory(CATEGORY);
			} catch (BadPositionCategoryException e) {
				// already gone
			}
			document = null;
		}
	}

	/** @return the highlights shown now, in the order of the text */
	List<Highlight> shown() {
		List<Highlight> result = new ArrayList<>();
		for (Position p : positions()) {
			if (!p.isDeleted() && p instanceof Styled s) {
				result.add(s.highlight());
			}
		}
		return result;
	}

	private Position[] positions() {
		IDocument doc = document;
		if (doc == null) {
			return new Position[0];
		}
		try {
			return doc.getPositions(CATEGORY);
		} catch (BadPositionCategoryException e) {
			return new Position[0];
		}
	}

	/** Shows the highlights of {@code shape} if it is the shape of the text now; presents again what changed. */
	private void show(VseDocumentSession.Shape shape) {
		IDocument doc = document;
		if (viewer == null || doc == null || !shape.text().equals(doc.get())) {
			return; // a newer text is on its way
		}
		Set<Highlight> old = new HashSet<>(shown());
		Set<Highlight> fresh = new HashSet<>(shape.highlights());
		int from = Integer.MAX_VALUE;
		int to = -1;
		for (Highlight h : old) {
			if (!fresh.contains(h)) {
				from = Math.min(from, h.offset());
				to = Math.max(to, h.offset() + h.length());
			}
		}
		for (Highlight h : fresh) {
			if (!old.contains(h)) {
				from = Math.min(from, h.offset());
				to = Math.max(to, h.offset() + h.length());
			}
		}
		if (to < 0) {
			return; // nothing changed
		}
		try {
			for (Position p : positions()) {
				doc.removePosition(CATEGORY, p);
			}
			for (Highlight h : shape.highlights()) {
				doc.addPosition(CATEGORY, new Styled(h.offset(), h.length(), h.kind()));
			}
		} catch (BadLocationException | BadPositionCategoryException e) {
			return;
		}
		to = Math.min(to, doc.getLength());
		if (from < to && viewer instanceof ITextViewerExtension2 extension) {
			extension.invalidateTextPresentation(from, to - from);
		}
	}

	@Override
	public void applyTextPresentation(TextPresentation presentation) {
		IRegion extent = presentation.getExtent();
		int from = extent.getOffset();
		int to = from + extent.getLength();
		ColorRegistry colors = JFaceResources.getColorRegistry();
		String suffix = reconciler.dark() ? ".dark" : "";
		List<StyleRange> ranges = new ArrayList<>();
		for (Position p : positions()) {
			if (p.isDeleted() || !(p instanceof Styled s) || p.getOffset() + p.getLength() <= from) {
				continue;
			}
			if (p.getOffset() >= to) {
				break;
			}
			int start = Math.max(from, p.getOffset());
			int end = Math.min(to, p.getOffset() + p.getLength());
			if (end > start) {
				ranges.add(new StyleRange(start, end - start, color(colors, s.kind, suffix), null, style(s.kind)));
			}
		}
		if (!ranges.isEmpty()) {
			presentation.mergeStyleRanges(ranges.toArray(StyleRange[]::new));
		}
	}

	/** @return the key of the theme colour of {@code kind}, without the {@code .dark} suffix */
	static String colorKey(Kind kind) {
		return VsePresentationReconciler.COLOR_PREFIX + kind.name().toLowerCase();
	}

	private static Color color(ColorRegistry colors, Kind kind, String suffix) {
		Color color = colors.get(colorKey(kind) + suffix);
		return color != null ? color : colors.get(colorKey(kind));
	}

	private static int style(Kind kind) {
		return kind == Kind.DECLARATION ? SWT.BOLD : SWT.NORMAL;
	}
}
