package org.vsestudio.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.search.ui.text.AbstractTextSearchResult;
import org.eclipse.search.ui.text.AbstractTextSearchViewPage;

/** The Search view's page of "References in Project": the files, with their number of references. */
public class VseReferenceSearchPage extends AbstractTextSearchViewPage {

	public VseReferenceSearchPage() {
		super(FLAG_LAYOUT_FLAT);
	}

	@Override
	protected void elementsChanged(Object[] objects) {
		refresh();
	}

	@Override
	protected void clear() {
		refresh();
	}

	private void refresh() {
		StructuredViewer viewer = getViewer();
		AbstractTextSearchResult input = getInput();
		if (viewer != null && !viewer.getControl().isDisposed()) {
			viewer.setInput(input == null ? new Object[0] : input.getElements());
		}
	}

	@Override
	protected void configureTreeViewer(TreeViewer viewer) {
		throw new UnsupportedOperationException("flat layout only");
	}

	@Override
	protected void configureTableViewer(TableViewer viewer) {
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				if (element instanceof IFile file) {
					AbstractTextSearchResult input = getInput();
					int count = input == null ? 0 : input.getMatchCount(file);
					return file.getFullPath().makeRelative() + " (" + count + (count == 1 ? " reference)" : " references)");
				}
				return String.valueOf(element);
			}
		});
	}
}
