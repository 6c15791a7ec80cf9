package org.vsestudio.ui.editor;

import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;
import org.vsestudio.ui.project.VseLanguage;

import com.google.inject.Injector;

/**
 * The language's services in this workbench: one injector of {@code org.vsestudio.dsl.ide}
 * (the one its language server uses), and one {@link VseDocumentSession} per open document.
 */
public final class VseServices {

	private static final Map<IDocument, VseDocumentSession> SESSIONS = new WeakHashMap<>();

	private VseServices() {
	}

	/** @return the injector of the language and its IDE services, the one the builder uses too */
	public static Injector injector() {
		return VseLanguage.injector();
	}

	/** @return the session of {@code document}: its parsed resource among its project's files */
	public static VseDocumentSession session(IDocument document) {
		Injector languages = injector();
		synchronized (SESSIONS) {
			return SESSIONS.computeIfAbsent(document, d -> new VseDocumentSession(languages, fileOf(d)));
		}
	}

	/** @return the workspace file {@code document} is the text of, or {@code null} */
	static IFile fileOf(IDocument document) {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer == null || buffer.getLocation() == null) {
			return null;
		}
		IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(buffer.getLocation());
		return file.exists() ? file : null;
	}
}
