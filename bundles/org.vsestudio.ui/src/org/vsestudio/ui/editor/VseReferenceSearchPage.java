package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.search.ui.text.AbstractTextSearchResult;
import org.eclipse.search.ui.text.AbstractTextSearchViewPage;
import org.eclipse.search.ui.text.Match;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.model.WorkbenchLabelProvider;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * The Search view's page of "References in Project", like File Search's: the files, each
 * with its number of references, and under each file the lines with references, by number
 * and text. Opening a line (double-click, Enter) opens the file at the reference.
 */
public class VseReferenceSearchPage extends AbstractTextSearchViewPage {

	private final WorkbenchLabelProvider files = new WorkbenchLabelProvider();

	public VseReferenceSearchPage() {
		super(FLAG_LAYOUT_TREE);
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
		if (viewer != null && !viewer.getControl().isDisposed()) {
			viewer.refresh();
			if (viewer instanceof TreeViewer tree) {
				tree.expandAll();
			}
		}
	}

	@Override
	public void dispose() {
		files.dispose();
		super.dispose();
	}

	/** @return the lines of {@code file} with references, in order */
	private List<VseReferenceSearch.Line> lines(IFile file) {
		AbstractTextSearchResult input = getInput();
		Set<VseReferenceSearch.Line> lines = new LinkedHashSet<>();
		if (input != null) {
			Arrays.stream(input.getMatches(file)).sorted(Comparator.comparingInt(Match::getOffset))
					.filter(VseReferenceSearch.ReferenceMatch.class::isInstance)
					.forEach(m -> lines.add(((VseReferenceSearch.ReferenceMatch) m).line()));
		}
		return new ArrayList<>(lines);
	}

	@Override
	public Match[] getDisplayedMatches(Object element) {
		if (element instanceof VseReferenceSearch.Line line) {
			AbstractTextSearchResult input = getInput();
			if (input == null) {
				return new Match[0];
			}
			return Arrays.stream(input.getMatches(line.file())).filter(
					m -> m instanceof VseReferenceSearch.ReferenceMatch r && r.line().equals(line)).toArray(Match[]::new);
		}
		return super.getDisplayedMatches(element);
	}

	@Override
	public int getDisplayedMatchCount(Object element) {
		if (element instanceof VseReferenceSearch.Line) {
			return getDisplayedMatches(element).length;
		}
		return super.getDisplayedMatchCount(element);
	}

	@Override
	protected void showMatch(Match match, int offset, int length, boolean activate) throws PartInitException {
		if (match.getElement() instanceof IFile file) {
			IEditorPart editor = IDE.openEditor(getSite().getPage(), file, activate);
			if (editor instanceof ITextEditor text) {
				text.selectAndReveal(offset, length);
			}
		}
	}

	@Override
	protected void configureTreeViewer(TreeViewer viewer) {
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				if (!(input instanceof AbstractTextSearchResult result)) {
					return new Object[0];
				}
				return Arrays.stream(result.getElements()).filter(IFile.class::isInstance).map(IFile.class::cast)
						.sorted(Comparator.comparing(f -> f.getFullPath().toString())).toArray();
			}

			@Override
			public Object[] getChildren(Object element) {
				return element instanceof IFile file ? lines(file).toArray() : new Object[0];
			}

			@Override
			public Object getParent(Object element) {
				return element instanceof VseReferenceSearch.Line line ? line.file() : null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return element instanceof IFile;
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				if (element instanceof IFile file) {
					AbstractTextSearchResult input = getInput();
					int count = input == null ? 0 : input.getMatchCount(file);
					return file.getName() + " - " + file.getParent().getFullPath().makeRelative() + " (" + count
							+ (count == 1 ? " reference)" : " references)");
				}
				if (element instanceof VseReferenceSearch.Line line) {
					int count = getDisplayedMatchCount(line);
					return line.number() + ": " + line.text().strip() + (count > 1 ? " (" + count + " references)" : "");
				}
				return String.valueOf(element);
			}

			@Override
			public Image getImage(Object element) {
				return element instanceof IFile ? files.getImage(element) : null;
			}
		});
	}

	@Override
	protected void configureTableViewer(TableViewer viewer) {
		throw new UnsupportedOperationException("tree layout only");
	}
}
