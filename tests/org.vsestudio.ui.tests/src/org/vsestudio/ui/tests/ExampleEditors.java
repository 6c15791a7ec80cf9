package org.vsestudio.ui.tests;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.ExampleProjectInstaller;

/** The example project's files, as the tests open them: once the project exists, in the editor. */
final class ExampleEditors {

	private ExampleEditors() {
	}

	/** @return the file at {@code path} of the example project, waiting for the project to be created */
	static IFile file(String path) {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
		Workbenches.waitFor(() -> project.exists() && project.getFile(path).exists(), 60_000);
		return project.getFile(path);
	}

	/** @return the active workbench page */
	static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	/** Opens the example file at {@code path} in its editor, the .vse editor for .vse files. */
	static ITextEditor open(String path) throws Exception {
		return (ITextEditor) IDE.openEditor(page(), file(path));
	}
}
