package org.vsestudio.ui.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.vsestudio.dsl.ide.presentation.BlockFolds;
import org.vsestudio.dsl.ide.presentation.SemanticHighlights;

import com.google.inject.Injector;

/**
 * The text of one open {@code .vse} document, parsed in a resource set that also holds the
 * other {@code .vse} files of its project (as they are saved), so that imports and
 * references across files resolve. Every use is serialized: the reconciler, content assist,
 * hover and quick fixes each run with the resource of the text they were given.
 *
 * <p>The background check ({@link #check}) gives way: a request of the user (content assist,
 * a quick fix, Format, hover, …) cancels a running check instead of waiting for it to end, and
 * the reconciler checks again afterwards. A new text is parsed incrementally: only the part
 * of the parse tree around the change is parsed again.
 */
public final class VseDocumentSession {

	private final Injector injector;
	private final IFile file;
	private final URI uri;
	private final XtextResourceSet resourceSet;
	private final Map<IFile, Long> loaded = new HashMap<>();
	private final ReentrantLock lock = new ReentrantLock();
	/** How many requests of the user wait for the resource: a running check gives way to them. */
	private final AtomicInteger waiting = new AtomicInteger();
	private XtextResource resource;
	private String text;
	private volatile Validated validated = new Validated("", List.of());
	private volatile Shape shape;
	private final List<Consumer<Shape>> shapeListeners = new CopyOnWriteArrayList<>();

	/** The issues of a text. */
	public record Validated(String text, List<Issue> issues) {
	}

	/** What the editor shows of a text besides its problems: its semantic highlights and folds. */
	public record Shape(String text, List<SemanticHighlights.Highlight> highlights, List<BlockFolds.Fold> folds) {
	}

	VseDocumentSession(Injector injector, IFile file) {
		this.injector = injector;
		this.file = file;
		this.resourceSet = injector.getInstance(XtextResourceSet.class);
		this.uri = file != null && file.getLocation() != null
				? URI.createFileURI(file.getLocation().toOSString())
				: URI.createURI("inmemory:/document" + System.identityHashCode(this) + ".vse");
	}

	/** @return the URI of the document's resource */
	public URI uri() {
		return uri;
	}

	/** @return the injector of the language */
	public Injector injector() {
		return injector;
	}

	/** @return the issues of the last validated text */
	public Validated validated() {
		return validated;
	}

	/**
	 * Runs {@code work} with the resource of {@code contents}, parsed and linked. A running
	 * background check is canceled rather than waited for.
	 */
	public <T> T withResource(String contents, Function<XtextResource, T> work) {
		waiting.incrementAndGet();
		try {
			lock.lock();
		} finally {
			waiting.decrementAndGet();
		}
		try {
			return parsed(contents, work);
		} finally {
			lock.unlock();
		}
	}

	private <T> T parsed(String contents, Function<XtextResource, T> work) {
		loadSiblings();
		if (resource == null) {
			resource = (XtextResource) resourceSet.createResource(uri);
			text = null;
		}
		if (!contents.equals(text)) {
			try {
				if (text == null || resource.getParseResult() == null) {
					if (resource.isLoaded()) {
						resource.unload();
					}
					resource.load(new ByteArrayInputStream(contents.getBytes(StandardCharsets.UTF_8)),
							resourceSet.getLoadOptions());
				} else {
					// parse again only around the change: the common start and end stay
					int prefix = 0;
					int max = Math.min(text.length(), contents.length());
					while (prefix < max && text.charAt(prefix) == contents.charAt(prefix)) {
						prefix++;
					}
					int suffix = 0;
					while (suffix < max - prefix
							&& text.charAt(text.length() - 1 - suffix) == contents.charAt(contents.length() - 1 - suffix)) {
						suffix++;
					}
					int replaced = text.length() - prefix - suffix;
					text = null; // if the update fails half way, load afresh next time
					resource.update(prefix, replaced, contents.substring(prefix, contents.length() - suffix));
				}
				text = contents;
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
		return work.apply(resource);
	}

	/** Parses, links and validates {@code contents} for the user (not to be canceled by one); remembers and returns its issues. */
	public Validated validate(String contents, CancelIndicator cancel) {
		List<Issue> issues = withResource(contents, r -> {
			IResourceValidator validator = r.getResourceServiceProvider().getResourceValidator();
			return validator.validate(r, CheckMode.ALL, cancel);
		});
		Validated result = new Validated(contents, List.copyOf(issues));
		if (!cancel.isCanceled()) {
			validated = result;
		}
		return result;
	}

	/**
	 * The background check of {@code contents}: parses, links and validates it, and gives way
	 * to the user: it stops as soon as a request waits for the resource.
	 *
	 * @return its issues (also remembered), or {@code null} if it was canceled or gave way
	 */
	public Validated check(String contents, CancelIndicator cancel) {
		CancelIndicator givingWay = () -> waiting.get() > 0 || cancel.isCanceled();
		if (!lockUnlessWaiting(givingWay)) {
			return null;
		}
		try {
			List<Issue> issues = parsed(contents, r -> {
				if (givingWay.isCanceled()) {
					return null;
				}
				IResourceValidator validator = r.getResourceServiceProvider().getResourceValidator();
				return validator.validate(r, CheckMode.ALL, givingWay);
			});
			if (issues == null || givingWay.isCanceled()) {
				return null;
			}
			Validated result = new Validated(contents, List.copyOf(issues));
			validated = result;
			return result;
		} catch (RuntimeException | OperationCanceledError e) {
			if (givingWay.isCanceled()) {
				return null; // Xtext's OperationCanceledError, or a half-parsed state
			}
			throw e;
		} finally {
			lock.unlock();
		}
	}

	/**
	 * The semantic highlights and folds of {@code contents} (parsed and linked), computed in
	 * the background; told to the shape listeners.
	 *
	 * @return the shape, or {@code null} if it was canceled or gave way
	 */
	public Shape shape(String contents, CancelIndicator cancel) {
		CancelIndicator givingWay = () -> waiting.get() > 0 || cancel.isCanceled();
		if (!lockUnlessWaiting(givingWay)) {
			return null;
		}
		Shape result;
		try {
			result = parsed(contents, r -> new Shape(contents, SemanticHighlights.of(r, givingWay), BlockFolds.of(r)));
			if (givingWay.isCanceled()) {
				return null;
			}
		} catch (RuntimeException | OperationCanceledError e) {
			if (givingWay.isCanceled()) {
				return null;
			}
			throw e;
		} finally {
			lock.unlock();
		}
		shape = result;
		shapeListeners.forEach(l -> l.accept(result));
		return result;
	}

	/** @return the last shape computed, or {@code null} */
	public Shape lastShape() {
		return shape;
	}

	/** {@code listener} is told each new shape, in the thread that computed it. */
	public void addShapeListener(Consumer<Shape> listener) {
		shapeListeners.add(listener);
	}

	public void removeShapeListener(Consumer<Shape> listener) {
		shapeListeners.remove(listener);
	}

	private boolean lockUnlessWaiting(CancelIndicator cancel) {
		while (!cancel.isCanceled()) {
			try {
				if (lock.tryLock(5, java.util.concurrent.TimeUnit.MILLISECONDS)) {
					if (!cancel.isCanceled()) {
						return true;
					}
					lock.unlock();
					return false;
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	/** Loads the project's other .vse files, again when they changed on disk. */
	private void loadSiblings() {
		if (file == null) {
			return;
		}
		List<IFile> files = new ArrayList<>();
		collect(file.getProject(), files);
		for (IFile sibling : files) {
			if (sibling.equals(file) || sibling.getLocation() == null) {
				continue;
			}
			long stamp = sibling.getModificationStamp();
			Long known = loaded.get(sibling);
			if (known != null && known == stamp) {
				continue;
			}
			URI siblingUri = URI.createFileURI(sibling.getLocation().toOSString());
			Resource old = resourceSet.getResource(siblingUri, false);
			if (old != null) {
				old.unload();
				resourceSet.getResources().remove(old);
			}
			Resource fresh = resourceSet.createResource(siblingUri);
			try (InputStream in = sibling.getContents(true)) {
				fresh.load(in, resourceSet.getLoadOptions());
			} catch (IOException | CoreException e) {
				// a file that cannot be read is not visible to the edited one
			}
			loaded.put(sibling, stamp);
		}
	}

	private static void collect(IContainer container, List<IFile> files) {
		try {
			for (IResource member : container.members()) {
				if (member instanceof IFile f && "vse".equals(f.getFileExtension())) {
					files.add(f);
				} else if (member instanceof IContainer c && !member.isDerived() && !member.getName().startsWith(".")
						&& !"target".equals(member.getName())) {
					collect(c, files);
				}
			}
		} catch (CoreException e) {
			// a folder that cannot be listed contributes nothing
		}
	}
}
