package org.vsestudio.ui.editor;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.custom.StyledText;
import org.vsestudio.dsl.ide.presentation.BlockFolds;

/**
 * Folding of {@code .vse} files by their grammar: each {@code { }} block of more than one line
 * (package sets, environments, profiles, machine sets, {@code files}, {@code nic}, inline sets)
 * and each multi-line comment, as {@link BlockFolds} finds them in the parse tree of the
 * background check (it replaces the Generic Editor's folding by indentation). A block keeps
 * its folded state while its text is edited.
 */
public class VseFoldingReconciler implements IReconciler {

	private ProjectionViewer viewer;
	private VseDocumentSession session;

	private final Consumer<VseDocumentSession.Shape> shapes = shape -> {
		ProjectionViewer v = viewer;
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

	@Override
	public void install(ITextViewer textViewer) {
		if (!(textViewer instanceof ProjectionViewer projection)) {
			return;
		}
		viewer = projection;
		viewer.addTextInputListener(inputs);
		connect(viewer.getDocument());
	}

	@Override
	public void uninstall() {
		if (viewer != null) {
			viewer.removeTextInputListener(inputs);
		}
		disconnect();
		viewer = null;
	}

	@Override
	public IReconcilingStrategy getReconcilingStrategy(String contentType) {
		return null;
	}

	private void connect(IDocument document) {
		if (document == null) {
			return;
		}
		session = VseServices.session(document);
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
	}

	/** Makes the folds those of {@code shape}, if it is the shape of the text now: keeps those that stay, with their state. */
	private void show(VseDocumentSession.Shape shape) {
		ProjectionViewer v = viewer;
		if (v == null || v.getDocument() == null || !shape.text().equals(v.getDocument().get())) {
			return; // a newer text is on its way
		}
		ProjectionAnnotationModel model = v.getProjectionAnnotationModel();
		if (model == null) {
			return; // folding is off
		}
		Map<Position, ProjectionAnnotation> existing = new HashMap<>();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			if (it.next() instanceof ProjectionAnnotation annotation) {
				Position position = model.getPosition(annotation);
				if (position != null && !position.isDeleted()) {
					existing.put(new Position(position.getOffset(), position.getLength()), annotation);
				}
			}
		}
		Map<ProjectionAnnotation, Position> added = new HashMap<>();
		for (BlockFolds.Fold fold : shape.folds()) {
			Position position = new Position(fold.offset(), fold.length());
			if (existing.remove(position) == null) {
				added.put(new ProjectionAnnotation(), position);
			}
		}
		if (added.isEmpty() && existing.isEmpty()) {
			return;
		}
		model.modifyAnnotations(existing.values().toArray(Annotation[]::new), added, null);
	}
}
