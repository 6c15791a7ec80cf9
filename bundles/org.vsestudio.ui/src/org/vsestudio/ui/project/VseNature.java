package org.vsestudio.ui.project;

import java.util.Arrays;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/** A VSE project: its {@code .vse} files are validated by {@link VseBuilder}. */
public class VseNature implements IProjectNature {

    /** The nature's id. */
    public static final String ID = "org.vsestudio.ui.vseNature";

    private IProject project;

    /** Gives {@code project} the VSE nature (and with it the builder) unless it has it. */
    public static void add(IProject project, IProgressMonitor monitor) throws CoreException {
        if (project.hasNature(ID)) {
            return;
        }
        IProjectDescription description = project.getDescription();
        String[] natures = Arrays.copyOf(description.getNatureIds(), description.getNatureIds().length + 1);
        natures[natures.length - 1] = ID;
        description.setNatureIds(natures);
        project.setDescription(description, monitor);
    }

    @Override
    public void configure() throws CoreException {
        IProjectDescription description = project.getDescription();
        ICommand[] commands = description.getBuildSpec();
        if (Arrays.stream(commands).anyMatch(c -> VseBuilder.ID.equals(c.getBuilderName()))) {
            return;
        }
        ICommand command = description.newCommand();
        command.setBuilderName(VseBuilder.ID);
        ICommand[] more = Arrays.copyOf(commands, commands.length + 1);
        more[more.length - 1] = command;
        description.setBuildSpec(more);
        project.setDescription(description, null);
    }

    @Override
    public void deconfigure() throws CoreException {
        IProjectDescription description = project.getDescription();
        description.setBuildSpec(Arrays.stream(description.getBuildSpec()).filter(c -> !VseBuilder.ID.equals(c.getBuilderName()))
                .toArray(ICommand[]::new));
        project.setDescription(description, null);
        project.deleteMarkers(VseBuilder.MARKER, true, IProject.DEPTH_INFINITE);
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
