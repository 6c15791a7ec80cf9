package org.vsestudio.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.search.ui.ISearchQuery;
import org.eclipse.search.ui.ISearchResult;
import org.eclipse.search.ui.text.AbstractTextSearchResult;
import org.eclipse.search.ui.text.IEditorMatchAdapter;
import org.eclipse.search.ui.text.IFileMatchAdapter;
import org.eclipse.search.ui.text.Match;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;

/** The references found by "References in Project", as a search of the Search view. */
public final class VseReferenceSearch implements ISearchQuery {

	private final VseReferences.Found found;
	private final Result result = new Result();

	public VseReferenceSearch(VseReferences.Found found) {
		this.found = found;
	}

	@Override
	public IStatus run(IProgressMonitor monitor) {
		result.removeAll();
		for (VseReferences.Occurrence occurrence : found.references()) {
			IFile file = fileOf(occurrence);
			if (file != null) {
				result.addMatch(new ReferenceMatch(file, occurrence));
			}
		}
		return Status.OK_STATUS;
	}

	/** A reference, in a file, at a line. */
	public static final class ReferenceMatch extends Match {
		private final Line line;

		ReferenceMatch(IFile file, VseReferences.Occurrence occurrence) {
			super(file, occurrence.offset(), occurrence.length());
			this.line = new Line(file, occurrence.line(), occurrence.lineText());
		}

		/** @return the line of the reference */
		public Line line() {
			return line;
		}
	}

	/** A line of a file with references: its number (from 1) and its text; an element of the Search view under its file. */
	public record Line(IFile file, int number, String text) {
	}

	static IFile fileOf(VseReferences.Occurrence occurrence) {
		if (!occurrence.uri().isFile()) {
			return null;
		}
		return ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(new Path(occurrence.uri().toFileString()));
	}

	@Override
	public String getLabel() {
		return "References to " + found.name();
	}

	@Override
	public boolean canRerun() {
		return false;
	}

	@Override
	public boolean canRunInBackground() {
		return true;
	}

	@Override
	public ISearchResult getSearchResult() {
		return result;
	}

	/** The matches, by file. */
	public final class Result extends AbstractTextSearchResult implements IFileMatchAdapter, IEditorMatchAdapter {

		@Override
		public String getLabel() {
			int count = getMatchCount();
			return "'" + found.name() + "' - " + count + (count == 1 ? " reference" : " references") + " in the project";
		}

		@Override
		public String getTooltip() {
			return getLabel();
		}

		@Override
		public ImageDescriptor getImageDescriptor() {
			return null;
		}

		@Override
		public ISearchQuery getQuery() {
			return VseReferenceSearch.this;
		}

		@Override
		public IEditorMatchAdapter getEditorMatchAdapter() {
			return this;
		}

		@Override
		public IFileMatchAdapter getFileMatchAdapter() {
			return this;
		}

		@Override
		public Match[] computeContainedMatches(AbstractTextSearchResult r, IFile file) {
			return getMatches(file);
		}

		@Override
		public IFile getFile(Object element) {
			return element instanceof IFile f ? f : null;
		}

		@Override
		public boolean isShownInEditor(Match match, IEditorPart editor) {
			IEditorInput input = editor.getEditorInput();
			return input instanceof IFileEditorInput f && f.getFile().equals(match.getElement());
		}

		@Override
		public Match[] computeContainedMatches(AbstractTextSearchResult r, IEditorPart editor) {
			IEditorInput input = editor.getEditorInput();
			return input instanceof IFileEditorInput f ? getMatches(f.getFile()) : new Match[0];
		}
	}
}
