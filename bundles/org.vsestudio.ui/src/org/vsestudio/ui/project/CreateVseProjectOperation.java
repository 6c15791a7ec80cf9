package org.vsestudio.ui.project;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Creates a VSE project from a template: the project, its nature and the template's files.
 * Knows nothing of the workbench; the wizard runs it in a workspace operation.
 *
 * @param project the project to create; it must not exist
 * @param template the files to put in it
 */
public record CreateVseProjectOperation(IProject project, VseTemplate template) {

    public void execute(IProgressMonitor monitor) throws CoreException {
        if (project.exists()) {
            throw new CoreException(Status.error("A project named '" + project.getName() + "' exists already."));
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Creating the VSE project " + project.getName(), 3 + template.files().size());
        project.create(sub.split(1));
        project.open(sub.split(1));
        VseNature.add(project, sub.split(1));
        for (Map.Entry<String, String> entry : template.files().entrySet()) {
            IFile file = project.getFile(new Path(entry.getKey()));
            createFolders(file.getParent());
            file.create(new ByteArrayInputStream(entry.getValue().getBytes(StandardCharsets.UTF_8)), IResource.FORCE, sub.split(1));
            file.setCharset(StandardCharsets.UTF_8.name(), null);
        }
    }

    private static void createFolders(IContainer container) throws CoreException {
        if (container instanceof IFolder folder && !folder.exists()) {
            createFolders(folder.getParent());
            folder.create(IResource.FORCE, true, null);
        }
    }
}
