package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
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
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * Problems as you type: after each change, a background check parses, links and validates the
 * text (with the other files of its project) and shows the diagnostics as error, warning
 * and info annotations; then it computes the text's semantic highlights and folds for
 * {@link VseSemanticHighlighter} and {@link VseFoldingReconciler}. The UI thread only copies
 * the text and swaps the annotations.
 *
 * <p>The checks run on one thread of their own ("VSE checks"), not as jobs of the platform's
 * job manager, whose workers often started a check 20–70 ms after it was scheduled. A new
 * change cancels the check of the previous text; a check also gives way to the user's
 * requests (content assist, quick fixes, Format) and runs again after them.
 */
public class VseReconciler implements IReconciler {

	/** The type of the annotations of an error. */
	public static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
	/** The type of the annotations of a warning. */
	public static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";
	/** The type of the annotations of an information. */
	public static final String INFO = "org.eclipse.ui.workbench.texteditor.info";

	/** How long after a change its check starts, in ms: keystrokes in a burst cancel each other's checks. */
	private static final long DELAY = 10;

	/** The thread of the checks of every open .vse editor. */
	private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "VSE checks");
		thread.setDaemon(true);
		thread.setPriority(Thread.NORM_PRIORITY - 1);
		return thread;
	});

	/** Told, on the UI thread, how long each reconcile took (text → annotations shown), in ms. */
	public static final List<Consumer<Long>> TIMINGS = new CopyOnWriteArrayList<>();

	private ISourceViewer viewer;
	private volatile IDocument document;
	/** The number of the latest change: a check of an older one is canceled. */
	private final AtomicLong generation = new AtomicLong();
	private volatile boolean disposed;
	private ScheduledFuture<?> pending;
	private final List<Annotation> shown = new ArrayList<>();

	/** Checks {@code contents}, the text of change {@code number}, made at {@code started} (nanoTime). */
	private void check(long number, IDocument doc, String contents, long started) {
		CancelIndicator cancel = () -> disposed || generation.get() != number;
		if (cancel.isCanceled()) {
			return;
		}
		VseDocumentSession session = VseServices.session(doc);
		VseDocumentSession.Validated result;
		try {
			result = session.check(contents, cancel);
		} catch (RuntimeException | OperationCanceledError e) {
			if (!cancel.isCanceled()) {
				Platform.getLog(VseReconciler.class).log(Status.warning("The VSE file could not be checked", e));
			}
			return;
		}
		if (result == null) {
			if (!cancel.isCanceled()) {
				schedule(number, doc, contents, started); // it gave way to the user: again, after
			}
			return;
		}
		Control widget = viewer == null ? null : viewer.getTextWidget();
		if (widget == null || widget.isDisposed()) {
			return;
		}
		widget.getDisplay().asyncExec(() -> show(result, started));
		shape(number, session, contents);
		VseContentAssistProcessor.warmUp(session.injector());
	}

	/** Computes the semantic highlights and folds of {@code contents}, again later if it gave way to the user. */
	private void shape(long number, VseDocumentSession session, String contents) {
		CancelIndicator cancel = () -> disposed || generation.get() != number;
		try {
			if (session.shape(contents, cancel) == null && !cancel.isCanceled()) {
				synchronized (this) {
					if (generation.get() == number && !disposed) {
						pending = CHECKS.schedule(() -> shape(number, session, contents), DELAY, TimeUnit.MILLISECONDS);
					}
				}
			}
		} catch (RuntimeException | OperationCanceledError e) {
			if (!cancel.isCanceled()) {
				Platform.getLog(VseReconciler.class).log(Status.warning("The VSE file could not be highlighted", e));
			}
		}
	}

	private synchronized void schedule(long number, IDocument doc, String contents, long started) {
		if (generation.get() != number || disposed) {
			return;
		}
		pending = CHECKS.schedule(() -> check(number, doc, contents, started), DELAY, TimeUnit.MILLISECONDS);
	}

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
		disposed = true;
		generation.incrementAndGet();
		synchronized (this) {
			if (pending != null) {
				pending.cancel(false);
			}
		}
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
		long number = generation.incrementAndGet();
		String contents = changedDocument.get();
		long started = System.nanoTime();
		synchronized (this) {
			if (pending != null) {
				pending.cancel(false);
			}
		}
		schedule(number, changedDocument, contents, started);
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
