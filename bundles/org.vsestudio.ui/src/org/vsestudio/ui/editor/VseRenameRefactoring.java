package org.vsestudio.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.Refactoring;
import org.eclipse.ltk.core.refactoring.RefactoringStatus;

/**
 * "Rename VSE Name" as an LTK refactoring, for the refactoring wizard and its preview: the
 * change is {@link VseRename#change}, performed by the wizard through the refactoring undo
 * manager.
 */
public final class VseRenameRefactoring extends Refactoring {

	private final VseReferences.Found found;
	private final IFile edited;
	private String newName;
	private Change change;

	/** @param edited the file whose document {@code found} was computed from */
	public VseRenameRefactoring(VseReferences.Found found, IFile edited) {
		this.found = found;
		this.edited = edited;
		this.newName = found.name();
	}

	/** @return what is renamed */
	public VseReferences.Found found() {
		return found;
	}

	/** @param name the new name */
	public void setNewName(String name) {
		this.newName = name;
		this.change = null;
	}

	/** @return the new name */
	public String newName() {
		return newName;
	}

	@Override
	public String getName() {
		return "Rename " + found.name();
	}

	@Override
	public RefactoringStatus checkInitialConditions(IProgressMonitor pm) {
		return new RefactoringStatus();
	}

	@Override
	public RefactoringStatus checkFinalConditions(IProgressMonitor pm) {
		String problem = VseRename.validate(found, newName);
		if (problem != null) {
			return RefactoringStatus.createFatalErrorStatus(problem);
		}
		try {
			change = VseRename.change(found, newName, edited);
		} catch (CoreException e) {
			return RefactoringStatus.createFatalErrorStatus(e.getStatus().getMessage());
		}
		return new RefactoringStatus();
	}

	@Override
	public Change createChange(IProgressMonitor pm) throws CoreException, OperationCanceledException {
		if (change == null) {
			change = VseRename.change(found, newName, edited);
		}
		return change;
	}
}
