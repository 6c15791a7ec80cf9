package org.vsestudio.ui.project;

import java.lang.reflect.InvocationTargetException;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.operation.IRunnableWithProgress;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.osgi.framework.FrameworkUtil;

/** File › New › VSE Project: a project with the VSE nature and the files of a template. */
public class NewVseProjectWizard extends Wizard implements INewWizard {

    /** The wizard's id. */
    public static final String ID = "org.vsestudio.ui.newProject";

    private IWorkbench workbench;
    private NewVseProjectPage page;
    private IProject created;

    public NewVseProjectWizard() {
        setWindowTitle("New VSE Project");
        setNeedsProgressMonitor(true);
        setDefaultPageImageDescriptor(ImageDescriptor.createFromURL(FrameworkUtil.getBundle(NewVseProjectWizard.class).getEntry("icons/vse48.png")));
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        page = new NewVseProjectPage();
        addPage(page);
    }

    /** @return the wizard's page, for those who fill it in without a dialog */
    public NewVseProjectPage page() {
        return page;
    }

    /** @return the project the wizard created, {@code null} before it finished */
    public IProject createdProject() {
        return created;
    }

    @Override
    public boolean performFinish() {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(page.projectName());
        CreateVseProjectOperation operation = new CreateVseProjectOperation(project, page.template());
        IRunnableWithProgress runnable = monitor -> {
            try {
                ResourcesPlugin.getWorkspace().run(operation::execute, ResourcesPlugin.getWorkspace().getRoot(), 0, monitor);
            } catch (CoreException e) {
                throw new InvocationTargetException(e);
            }
        };
        try {
            if (getContainer() != null) {
                getContainer().run(true, true, runnable);
            } else {
                runnable.run(new NullProgressMonitor());
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CoreException core) {
                ErrorDialog.openError(getShell(), "New VSE Project", "The project could not be created.", core.getStatus());
            } else {
                page.setErrorMessage("The project could not be created: " + cause);
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        }
        created = project;
        if (workbench != null && getContainer() != null) {
            IFile main = project.getFile(page.template().files().keySet().iterator().next());
            BasicNewResourceWizard.selectAndReveal(main, workbench.getActiveWorkbenchWindow());
            IWorkbenchPage active = workbench.getActiveWorkbenchWindow().getActivePage();
            if (active != null) {
                try {
                    IDE.openEditor(active, main);
                } catch (PartInitException e) {
                    // the project is there; the user opens the file
                }
            }
        }
        return true;
    }
}
