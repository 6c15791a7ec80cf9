package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Control;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * Problems as you type: after each change, a background job parses, links and validates the
 * text (with the other files of its project) and shows the diagnostics as error, warning
 * and info annotations. The UI thread only copies the text and swaps the annotations.
 */
public class VseReconciler implements IReconciler {

	/** The type of the annotations of an error. */
	public static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
	/** The type of the annotations of a warning. */
	public static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";
	/** The type of the annotations of an information. */
	public static final String INFO = "org.eclipse.ui.workbench.texteditor.info";

	private static final long DELAY = 20;

	/** Told, on the UI thread, how long each reconcile took (text → annotations shown), in ms. */
	public static final List<Consumer<Long>> TIMINGS = new CopyOnWriteArrayList<>();

	private ISourceViewer viewer;
	private volatile IDocument document;
	private volatile String text;
	private volatile long changedAt;
	private final List<Annotation> shown = new ArrayList<>();

	private final Job job = new Job("Checking the VSE file") {
		@Override
		protected IStatus run(IProgressMonitor monitor) {
			IDocument doc = document;
			String contents = text;
			long started = changedAt;
			if (doc == null || contents == null) {
				return Status.OK_STATUS;
			}
			VseDocumentSession session = VseServices.session(doc);
			VseDocumentSession.Validated result;
			try {
				result = session.validate(contents, monitor::isCanceled);
			} catch (RuntimeException e) {
				if (monitor.isCanceled()) {
					return Status.CANCEL_STATUS;
				}
				return Status.warning("The VSE file could not be checked", e);
			}
			if (monitor.isCanceled()) {
				return Status.CANCEL_STATUS;
			}
			Control widget = viewer == null ? null : viewer.getTextWidget();
			if (widget == null || widget.isDisposed()) {
				return Status.OK_STATUS;
			}
			widget.getDisplay().asyncExec(() -> show(result, started));
			return Status.OK_STATUS;
		}
	};

	private final IDocumentListener changes = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			changed(event.getDocument());
		}
	};

	private final ITextInputListener inputs = new ITextInputListener() {
		@Override
		public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
			if (oldInput != null) {
				oldInput.removeDocumentListener(changes);
			}
		}

		@Override
		public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
			if (newInput != null) {
				newInput.addDocumentListener(changes);
				changed(newInput);
			}
		}
	};

	public VseReconciler() {
		job.setSystem(true);
		job.setPriority(Job.SHORT);
		synchronized (ALL) {
			ALL.put(this, Boolean.TRUE);
		}
	}

	/** The reconcilers of the open editors, to check again when the package index is (re)loaded. */
	private static final java.util.Map<VseReconciler, Boolean> ALL = new java.util.WeakHashMap<>();

	/** Checks the text of every open {@code .vse} editor again (on the UI thread). */
	public static void recheckAll() {
		List<VseReconciler> all;
		synchronized (ALL) {
			all = new ArrayList<>(ALL.keySet());
		}
		for (VseReconciler reconciler : all) {
			IDocument doc = reconciler.document;
			Control widget = reconciler.viewer == null ? null : reconciler.viewer.getTextWidget();
			if (doc != null && widget != null && !widget.isDisposed()) {
				reconciler.changed(doc);
			}
		}
	}

	@Override
	public void install(ITextViewer textViewer) {
		this.viewer = (ISourceViewer) textViewer;
		textViewer.addTextInputListener(inputs);
		if (textViewer.getDocument() != null) {
			textViewer.getDocument().addDocumentListener(changes);
			changed(textViewer.getDocument());
		}
	}

	@Override
	public void uninstall() {
		job.cancel();
		if (viewer != null) {
			viewer.removeTextInputListener(inputs);
			if (viewer.getDocument() != null) {
				viewer.getDocument().removeDocumentListener(changes);
			}
		}
	}

	@Override
	public IReconcilingStrategy getReconcilingStrategy(String contentType) {
		return null;
	}

	private void changed(IDocument changedDocument) {
		document = changedDocument;
		text = changedDocument.get();
		changedAt = System.nanoTime();
		job.cancel();
		job.schedule(DELAY);
	}

	private void show(VseDocumentSession.Validated result, long started) {
		IDocument doc = document;
		if (viewer == null || doc == null || !result.text().equals(doc.get())) {
			return; // a newer text is on its way
		}
		IAnnotationModel model = viewer.getAnnotationModel();
		if (model == null) {
			return;
		}
		Map<Annotation, Position> added = new HashMap<>();
		for (Issue issue : result.issues()) {
			Integer offset = issue.getOffset();
			Integer length = issue.getLength();
			if (offset == null || length == null || issue.getSeverity() == Severity.IGNORE) {
				continue;
			}
			int start = Math.max(0, Math.min(offset, doc.getLength()));
			int len = Math.max(0, Math.min(length, doc.getLength() - start));
			added.put(new Annotation(type(issue.getSeverity()), false, issue.getMessage()), new Position(start, len));
		}
		Annotation[] removed = shown.toArray(Annotation[]::new);
		if (model instanceof IAnnotationModelExtension extension) {
			extension.replaceAnnotations(removed, added);
		} else {
			for (Annotation a : removed) {
				model.removeAnnotation(a);
			}
			added.forEach(model::addAnnotation);
		}
		shown.clear();
		shown.addAll(added.keySet());
		long millis = (System.nanoTime() - started) / 1_000_000;
		TIMINGS.forEach(t -> t.accept(millis));
	}

	private static String type(Severity severity) {
		return switch (severity) {
		case ERROR -> ERROR;
		case WARNING -> WARNING;
		default -> INFO;
		};
	}
}
