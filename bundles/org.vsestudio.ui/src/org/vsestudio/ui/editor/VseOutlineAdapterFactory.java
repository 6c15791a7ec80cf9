package org.vsestudio.ui.editor;

import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/** Gives a {@code .vse} text editor its outline page; other editors get none from us. */
public class VseOutlineAdapterFactory implements IAdapterFactory {

	private static final Map<ITextEditor, VseOutlinePage> PAGES = new WeakHashMap<>();

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adapterType != IContentOutlinePage.class || !(adaptable instanceof ITextEditor editor)
				|| editor.getEditorInput() == null || !VseEditorHandler.isVse(editor)) {
			return null;
		}
		synchronized (PAGES) {
			VseOutlinePage page = PAGES.get(editor);
			if (page == null || (page.getControl() != null && page.getControl().isDisposed())) {
				page = new VseOutlinePage(editor);
				PAGES.put(editor, page);
			}
			return adapterType.cast(page);
		}
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { IContentOutlinePage.class };
	}
}
