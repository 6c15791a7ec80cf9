package org.vsestudio.ui.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.dialogs.ListDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.ide.IDE;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.vsestudio.cli.ImageBuilds;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.ui.project.VseLanguage;

/**
 * <i>Build Image</i>: builds the image of an environment of the selected {@code .vse} file
 * (or the active editor's), asking which one when the file has several. Unsaved changes to
 * the project's files are saved first (the build reads the files on disk).
 */
public final class BuildImageHandler extends AbstractHandler {

    /** The command's id. */
    public static final String COMMAND = "org.vsestudio.ui.buildImage";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IFile file = target(HandlerUtil.getActivePart(event), HandlerUtil.getCurrentSelection(event));
        Shell shell = HandlerUtil.getActiveShell(event);
        if (file == null) {
            MessageDialog.openInformation(shell, ImageBuildJob.TITLE, "Select a .vse file, or open one in an editor, to build its image.");
            return null;
        }
        if (!IDE.saveAllEditors(new IResource[] { file.getProject() }, true)) {
            return null;
        }
        List<String> environments = environments(file);
        if (environments.isEmpty()) {
            MessageDialog.openInformation(shell, ImageBuildJob.TITLE, file.getName() + " declares no environment: there is no image to build.");
            return null;
        }
        String environment = environments.size() == 1 ? environments.get(0) : choose(shell, file, environments);
        if (environment != null) {
            new ImageBuildJob(file, environment).schedule();
        }
        return null;
    }

    /** @return the {@code .vse} file of the active editor, or else the one selected, or {@code null} */
    static IFile target(IWorkbenchPart part, ISelection selection) {
        if (part instanceof IEditorPart editor) {
            IFile file = Adapters.adapt(editor.getEditorInput(), IFile.class);
            if (isVse(file)) {
                return file;
            }
        }
        if (selection instanceof IStructuredSelection s && s.size() == 1) {
            IFile file = Adapters.adapt(s.getFirstElement(), IFile.class);
            if (isVse(file)) {
                return file;
            }
        }
        return null;
    }

    private static boolean isVse(IFile file) {
        return file != null && "vse".equals(file.getFileExtension());
    }

    /** @return the names of the environments {@code file} declares, in the order written */
    public static List<String> environments(IFile file) {
        XtextResourceSet resourceSet = VseLanguage.injector().getInstance(XtextResourceSet.class);
        Resource resource = resourceSet.createResource(URI.createPlatformResourceURI(file.getFullPath().toString(), true));
        try (InputStream in = file.getContents(true)) {
            resource.load(in, resourceSet.getLoadOptions());
            return ImageBuilds.environments(resource).stream().map(Environment::getName).toList();
        } catch (IOException | CoreException e) {
            return List.of();
        } finally {
            resource.unload();
        }
    }

    private static String choose(Shell shell, IFile file, List<String> environments) {
        ListDialog dialog = new ListDialog(shell);
        dialog.setTitle(ImageBuildJob.TITLE);
        dialog.setMessage(file.getName() + " has several environments. Which one's image do you want to build?");
        dialog.setContentProvider(ArrayContentProvider.getInstance());
        dialog.setLabelProvider(new LabelProvider());
        dialog.setInput(environments);
        dialog.setInitialSelections(environments.get(0));
        return dialog.open() == Window.OK && dialog.getResult().length == 1 ? (String) dialog.getResult()[0] : null;
    }
}
