package org.vsestudio.ui.build;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.emf.ecore.resource.Resource;
import org.osgi.service.prefs.BackingStoreException;
import org.vsestudio.cli.ImageBuilds;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.image.BuildInputs;
import org.vsestudio.image.LayerCache;
import org.vsestudio.ui.project.VsePreferences;

/**
 * The project setting "Build images when the project builds" (off unless set), kept in the
 * project's {@code .settings}, and the project builder's image step that it turns on.
 */
public final class ImageBuildSettings {

    /** The project preference: whether the project builder also builds images. */
    public static final String BUILD_IMAGES = "build.images";

    private ImageBuildSettings() {
    }

    private static IEclipsePreferences node(IProject project) {
        return new ProjectScope(project).getNode(VsePreferences.QUALIFIER);
    }

    /** @return whether the project builder builds the images of {@code project}'s environments */
    public static boolean buildsImages(IProject project) {
        return node(project).getBoolean(BUILD_IMAGES, false);
    }

    /** Turns the project builder's image step of {@code project} on or off. */
    public static void setBuildsImages(IProject project, boolean on) throws BackingStoreException {
        IEclipsePreferences node = node(project);
        if (on) {
            node.putBoolean(BUILD_IMAGES, true);
        } else {
            node.remove(BUILD_IMAGES);
        }
        node.flush();
    }

    /**
     * The project builder's image step, for a {@code .vse} file it found valid: when the
     * project builds images, schedules a (quiet) build of each environment of the file whose
     * last image is missing or whose inputs changed since.
     *
     * @return the jobs scheduled
     */
    public static List<ImageBuildJob> afterValidBuild(IFile file, Resource resource) {
        if (!buildsImages(file.getProject()) || file.getLocation() == null) {
            return List.of();
        }
        Path path = file.getLocation().toFile().toPath().toAbsolutePath().normalize();
        Path cache = LayerCache.forUser().root();
        List<ImageBuildJob> scheduled = new java.util.ArrayList<>();
        for (Environment environment : ImageBuilds.environments(resource)) {
            String name = environment.getName();
            if (BuildInputs.unchanged(ImageBuilds.defaultOut(path, name), path, name, false, cache)) {
                continue;
            }
            boolean pending = false;
            for (Job job : Job.getJobManager().find(ImageBuildJob.FAMILY)) {
                if (job instanceof ImageBuildJob j && j.builds(file, name) && j.getState() != Job.RUNNING) {
                    pending = true;
                }
            }
            if (!pending) {
                ImageBuildJob job = new ImageBuildJob(file, name).quiet();
                job.setUser(false);
                job.schedule();
                scheduled.add(job);
            }
        }
        return scheduled;
    }
}
