package org.vsestudio.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.ui.IStartup;
import org.osgi.framework.Bundle;
import org.vsestudio.ui.project.VseNature;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Gives a fresh workspace the example VSE project: the site base, the climate model and the
 * files that show each class of mistake. It is created once per workspace; a user who
 * deletes it is not given it again. It is a VSE project: the builder marks the mistakes.
 */
public class ExampleProjectInstaller implements IStartup {

    /** The name of the example project. */
    public static final String PROJECT_NAME = "vse-examples";
    /** The job family of the installing job, for those who wait for it. */
    public static final Object FAMILY = ExampleProjectInstaller.class;

    private static final String PREFERENCE = "exampleProjectInstalled";
    private static final String EXAMPLES = "examples";

    @Override
    public void earlyStartup() {
        if (!InstanceScope.INSTANCE.getNode(bundle().getSymbolicName()).getBoolean(PREFERENCE, false)) {
            schedule();
        }
    }

    /** Schedules the job that creates the example project if the workspace lacks it. */
    public static Job schedule() {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        Job job = new WorkspaceJob("Creating the VSE example project") {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                install(workspace.getRoot().getProject(PROJECT_NAME), monitor);
                var node = InstanceScope.INSTANCE.getNode(bundle().getSymbolicName());
                node.putBoolean(PREFERENCE, true);
                try {
                    node.flush();
                } catch (BackingStoreException e) {
                    return Status.warning("The example project was created, but the workspace could not remember it.", e);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setRule(workspace.getRoot());
        job.schedule();
        return job;
    }

    /** Creates {@code project} from the examples this bundle carries; nothing if it exists. */
    static void install(IProject project, IProgressMonitor monitor) throws CoreException {
        if (project.exists()) {
            return;
        }
        Bundle bundle = bundle();
        Enumeration<URL> found = bundle.findEntries(EXAMPLES, "*", true);
        if (found == null) {
            throw new CoreException(Status.error("This installation of VSE Studio carries no example files."));
        }
        List<URL> entries = new ArrayList<>(Collections.list(found));
        entries.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        SubMonitor sub = SubMonitor.convert(monitor, "Creating " + project.getName(), entries.size() + 3);
        project.create(sub.split(1));
        project.open(sub.split(1));
        VseNature.add(project, sub.split(1));
        String prefix = "/" + EXAMPLES + "/";
        for (URL url : entries) {
            String relative = url.getPath().substring(url.getPath().indexOf(prefix) + prefix.length());
            if (relative.isEmpty()) {
                sub.worked(1);
                continue;
            }
            if (relative.endsWith("/")) {
                createFolders(project.getFolder(new Path(relative)));
            } else {
                IFile file = project.getFile(new Path(relative));
                createFolders(file.getParent());
                try (InputStream in = url.openStream()) {
                    file.create(in, IResource.FORCE, sub.split(1));
                } catch (IOException e) {
                    throw new CoreException(Status.error("Cannot copy the example file " + relative + ".", e));
                }
                continue;
            }
            sub.worked(1);
        }
    }

    private static void createFolders(IContainer container) throws CoreException {
        if (container instanceof IFolder folder && !folder.exists()) {
            createFolders(folder.getParent());
            folder.create(IResource.FORCE, true, null);
        }
    }

    private static Bundle bundle() {
        return FrameworkUtil.getBundle(ExampleProjectInstaller.class);
    }
}
