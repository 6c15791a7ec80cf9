package org.vsestudio.ui.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * The text of one open {@code .vse} document, parsed in a resource set that also holds the
 * other {@code .vse} files of its project (as they are saved), so that imports and
 * references across files resolve. Every use is serialized: the reconciler, content assist,
 * hover and quick fixes each run with the resource of the text they were given.
 */
public final class VseDocumentSession {

	private final Injector injector;
	private final IFile file;
	private final URI uri;
	private final XtextResourceSet resourceSet;
	private final Map<IFile, Long> loaded = new HashMap<>();
	private XtextResource resource;
	private String text;
	private volatile Validated validated = new Validated("", List.of());

	/** The issues of a text. */
	public record Validated(String text, List<Issue> issues) {
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

	/** Runs {@code work} with the resource of {@code contents}, parsed and linked. */
	public synchronized <T> T withResource(String contents, Function<XtextResource, T> work) {
		loadSiblings();
		if (resource == null) {
			resource = (XtextResource) resourceSet.createResource(uri);
			text = null;
		}
		if (!contents.equals(text)) {
			try {
				if (text == null) {
					resource.load(new ByteArrayInputStream(contents.getBytes(StandardCharsets.UTF_8)),
							resourceSet.getLoadOptions());
				} else {
					resource.reparse(contents);
				}
				text = contents;
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
		return work.apply(resource);
	}

	/** Parses, links and validates {@code contents}; remembers and returns its issues. */
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
