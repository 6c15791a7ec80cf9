package org.vsestudio.ui.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.progress.IProgressConstants;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.vsestudio.cli.Command;
import org.vsestudio.cli.ImageBuilds;
import org.vsestudio.cli.ImageRecipes;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.image.BuildInputs;
import org.vsestudio.image.BuildProgress;
import org.vsestudio.image.BuiltImage;
import org.vsestudio.image.ImageBuildException;
import org.vsestudio.image.ImageBuilder;
import org.vsestudio.image.ImageRecipe;
import org.vsestudio.image.LayerCache;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.Problem;
import org.vsestudio.ui.project.VseBuilder;
import org.vsestudio.ui.project.VseLanguage;

import com.google.inject.Injector;

/**
 * Builds the image of one environment of a {@code .vse} file, as {@code vse build FILE --env
 * NAME} does, as a cancellable job: the file is validated (a file with errors builds
 * nothing), the lock beside it is used or written, the image goes to {@code build/NAME}
 * beside the file. The tasks and the tools' output go to the environment's
 * {@link ImageBuildConsole}; a failing step is marked at its line with an
 * {@link #MARKER image problem}; the output folder is refreshed in the workspace.
 */
public final class ImageBuildJob extends Job {

    /** The family of image build jobs. */
    public static final Object FAMILY = ImageBuildJob.class;
    /** Problem markers of failed builds, at the failing step's line; the next build of the environment removes them. */
    public static final String MARKER = "org.vsestudio.ui.imageProblem";
    /** The marker attribute naming the environment whose build failed. */
    public static final String ENVIRONMENT = "environment";
    /** The title of the error dialogs. */
    public static final String TITLE = "Build Image";

    /** What builds the image: the real builder, or a stand-in in tests. */
    @FunctionalInterface
    public interface Builder {
        BuiltImage build(ImageRecipe recipe, Path out, BuildProgress progress) throws ImageBuildException, IOException;
    }

    private final IFile file;
    private final String environment;
    private final LayerCache cache;
    private Builder builder;
    private boolean dialogs = true;
    private volatile BuiltImage built;

    /** A job that builds {@code environment} of {@code file} with the real builder and the user's layer cache. */
    public ImageBuildJob(IFile file, String environment) {
        this(file, environment, LayerCache.forUser(), null);
    }

    /** A job with its own cache and builder ({@code null} for the real one). */
    public ImageBuildJob(IFile file, String environment, LayerCache cache, Builder builder) {
        super("Building the image of " + environment);
        this.file = file;
        this.environment = environment;
        this.cache = cache;
        this.builder = builder != null ? builder : (r, o, p) -> new ImageBuilder(cache).build(r, o, p);
        setUser(true);
        setPriority(LONG);
        setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        setProperty(IProgressConstants.ICON_PROPERTY,
                org.eclipse.jface.resource.ImageDescriptor.createFromURL(ImageBuildJob.class.getResource("/icons/vse16.png")));
    }

    /** Reports failures in the console and the Problems view only, without a dialog (the project builder's image step). */
    public ImageBuildJob quiet() {
        dialogs = false;
        return this;
    }

    /** @return the image, once built */
    public Optional<BuiltImage> image() {
        return Optional.ofNullable(built);
    }

    /** @return whether this job builds {@code environment} of {@code file} */
    public boolean builds(IFile f, String env) {
        return file.equals(f) && environment.equals(env);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** @return the folder the image of {@code environment} of {@code file} is built into: {@code build/NAME} beside it */
    public static Path out(IFile file, String environment) {
        return ImageBuilds.defaultOut(file.getLocation().toFile().toPath(), environment);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ImageBuildConsole console = ImageBuildConsole.of(environment);
        console.start();
        monitor.beginTask("Building the image of " + environment, IProgressMonitor.UNKNOWN);
        try {
            return build(console, monitor);
        } catch (CancellationException e) {
            console.println("Canceled; nothing was kept.");
            return Status.CANCEL_STATUS;
        } catch (Failure e) {
            return fail(console, e.getMessage());
        } catch (ImageBuildException e) {
            if (!e.output().isEmpty()) {
                console.println("Last lines of its output:");
                e.output().forEach(l -> console.println("    " + l));
            }
            if (!e.where().isEmpty()) {
                console.println("The failing step is at " + e.where() + ".");
                mark(e.where(), e.getMessage(), console);
            }
            return fail(console, e.getMessage());
        } catch (IOException | CoreException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return fail(console, "The image of " + environment + " could not be built: " + message);
        } finally {
            monitor.done();
        }
    }

    private IStatus build(ImageBuildConsole console, IProgressMonitor monitor) throws Failure, ImageBuildException, IOException, CoreException {
        Path path = file.getLocation().toFile().toPath().toAbsolutePath().normalize();
        Path target = ImageBuilds.defaultOut(path, environment);
        console.link(file.getName(), file);
        deleteMarkers();
        BuildProgress progress = new BuildProgress() {
            @Override
            public void task(String name) {
                monitor.subTask(name);
                console.println("==> " + name);
            }

            @Override
            public void output(String line) {
                console.println("    " + line);
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
        console.println("Building the image of " + environment + " from " + file.getFullPath().makeRelative());

        Optional<Path> previous = ImageBuilds.previousBuild(path, environment, null, false, cache);
        if (previous.isPresent()) {
            BuildInputs inputs = BuildInputs.read(previous.get().resolve(BuildInputs.FILE));
            BuiltImage image = inputs.image(previous.get(), 0);
            console.println("Image of " + environment + " is up to date: " + image.digest());
            finish(console, image, target);
            return Status.OK_STATUS;
        }

        progress.task("Validating " + file.getName());
        Injector injector = VseLanguage.injector();
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
        Map<Path, IFile> workspaceFiles = new LinkedHashMap<>();
        for (IFile f : VseBuilder.vseFiles(file.getProject())) {
            if (f.getLocation() != null) {
                workspaceFiles.put(f.getLocation().toFile().toPath().toAbsolutePath().normalize(), f);
            }
        }
        List<Path> all = new ArrayList<>(workspaceFiles.keySet());
        VseBuilder.siteBaseFiles().stream().filter(p -> !all.contains(p)).forEach(all::add);
        Resource resource = null;
        try {
            for (Path p : all) {
                Resource r = resourceSet.createResource(URI.createFileURI(p.toString()));
                r.load(resourceSet.getLoadOptions());
                if (p.equals(path)) {
                    resource = r;
                }
                IFile f = workspaceFiles.get(p);
                if (f != null) {
                    console.link(f.getName(), f);
                }
            }
            if (resource == null) {
                throw new Failure(file.getName() + " is not in a place its project's .vse files are read from.");
            }
            progress.checkCanceled();
            List<Issue> issues = injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL, monitor::isCanceled);
            progress.checkCanceled();
            List<Issue> errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                errors.forEach(i -> console.println(file.getName() + ":" + (i.getLineNumber() == null ? 1 : i.getLineNumber()) + ": error: "
                        + i.getMessage()));
                throw new Failure(file.getName() + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                        + "; nothing is built. Fix " + (errors.size() == 1 ? "it" : "them") + " (see the Problems view) and build again.");
            }
            Environment declared = ImageBuilds.environments(resource).stream().filter(e -> environment.equals(e.getName())).findFirst()
                    .orElseThrow(() -> new Failure(file.getName() + " has no environment '" + environment + "'."));
            EffectiveEnvironment effective = new Evaluator().evaluate(declared);
            boolean split = ImageBuilds.deployedDiskless(resourceSet.getResources(), effective.name());

            progress.task("Locking the packages of " + environment);
            Path lockFile = ImageBuilds.lockFileOf(path, effective.name());
            ImageBuilds.LockChoice choice;
            try {
                choice = ImageBuilds.lock(injector.getInstance(IndexProvider.class), effective, lockFile);
            } catch (Command.UsageException e) {
                throw new Failure(sentence(e.getMessage()));
            }
            if (!choice.resolved()) {
                for (Problem p : choice.problems()) {
                    console.println(p.message());
                }
                throw new Failure("The packages of environment '" + effective.name() + "' do not resolve; nothing is built.");
            }
            LockFile lock = choice.lock();
            if (choice.written()) {
                console.println("Locked environment " + effective.name() + ": " + lock.packages().size() + " packages in " + lockFile.getFileName() + ".");
                refresh(lockFile, IResource.DEPTH_ZERO);
            } else {
                console.println("Using " + lockFile.getFileName() + " (" + lock.packages().size() + " packages).");
            }
            ImageRecipe recipe;
            try {
                recipe = ImageRecipes.of(effective, lock, split);
            } catch (IllegalArgumentException e) {
                throw new Failure(sentence(e.getMessage()));
            }
            console.println("Building the image of " + effective.name() + " (" + lock.packages().size() + " packages, " + recipe.steps().size()
                    + " steps" + (split ? ", disk-less split" : "") + ") into " + shown(target));
            progress.checkCanceled();
            BuiltImage image = builder.build(recipe, target, progress);
            List<Path> read = resourceSet.getResources().stream().filter(r -> r.getURI().isFile()).map(r -> Path.of(r.getURI().toFileString()))
                    .toList();
            BuildInputs.record(target, path, environment, split, effective.name(), recipe, lockFile, read, cache.root());
            console.println("Built the image of " + effective.name() + " in " + String.format("%.1f", image.seconds()) + " s: " + image.digest());
            finish(console, image, target);
            return Status.OK_STATUS;
        } finally {
            for (Resource r : new ArrayList<>(resourceSet.getResources())) {
                r.unload();
            }
        }
    }

    private void finish(ImageBuildConsole console, BuiltImage image, Path target) {
        built = image;
        for (String role : List.of("disk", "kernel", "initrd", "rootfs", "private", "sbom", "manifest", "lock")) {
            Path p = image.artifacts().get(role);
            if (p != null) {
                console.println(String.format("  %-9s %s", role, shown(p)));
            }
        }
        console.println("  boot      " + image.kernelCommandLine());
        for (BuiltImage.Layer l : image.layers()) {
            console.println(String.format("  layer     %-13s %s %s", l.kind(), l.key().substring(0, Math.min(12, l.key().length())), l.how()));
        }
        refresh(target, IResource.DEPTH_INFINITE);
    }

    /** Brings the workspace up to date with {@code location} (a file or folder written outside it). */
    private static void refresh(Path location, int depth) {
        IWorkspaceRoot root = ResourcesPlugin.getWorkspace().getRoot();
        org.eclipse.core.runtime.IPath at = org.eclipse.core.runtime.Path.fromOSString(location.toString());
        try {
            IContainer container = root.getContainerForLocation(at);
            IResource resource = depth == IResource.DEPTH_ZERO ? root.getFileForLocation(at) : container;
            if (resource == null) {
                return;
            }
            // a folder not yet known to the workspace is found by refreshing the nearest known one
            IResource known = resource;
            while (known != null && !known.exists() && known.getParent() != null) {
                known = known.getParent();
            }
            (known == null ? resource : known).refreshLocal(known == resource && depth == IResource.DEPTH_ZERO ? IResource.DEPTH_ZERO : IResource.DEPTH_INFINITE, null);
            if (container != null && container.exists() && container.getParent() != null && "build".equals(container.getParent().getName())) {
                container.getParent().setDerived(true, null);
            }
        } catch (CoreException e) {
            // the files are there; the workspace shows them at its next refresh
        }
    }

    private String shown(Path p) {
        IFile f = ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(org.eclipse.core.runtime.Path.fromOSString(p.toString()));
        if (f != null) {
            return f.getFullPath().makeRelative().toString();
        }
        IContainer c = ResourcesPlugin.getWorkspace().getRoot().getContainerForLocation(org.eclipse.core.runtime.Path.fromOSString(p.toString()));
        return c != null ? c.getFullPath().makeRelative().toString() : p.toString();
    }

    private IStatus fail(ImageBuildConsole console, String message) {
        console.println("Build Image: " + message);
        if (dialogs && PlatformUI.isWorkbenchRunning()) {
            Display display = PlatformUI.getWorkbench().getDisplay();
            display.asyncExec(() -> {
                MessageDialog dialog = new MessageDialog(display.getActiveShell(), TITLE, null, message, MessageDialog.ERROR, 0, "OK");
                dialog.setBlockOnOpen(false);
                dialog.open();
            });
        }
        return Status.error(message);
    }

    private void deleteMarkers() throws CoreException {
        for (IMarker m : file.getProject().findMarkers(MARKER, false, IResource.DEPTH_INFINITE)) {
            if (environment.equals(m.getAttribute(ENVIRONMENT, ""))) {
                m.delete();
            }
        }
    }

    /** Marks {@code where} ({@code FILE:LINE}, as the builder names a step) with the failure. */
    private void mark(String where, String message, ImageBuildConsole console) {
        int colon = where.lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        IFile at = console.file(where.substring(0, colon));
        if (at == null) {
            return;
        }
        try {
            IMarker marker = at.createMarker(MARKER);
            marker.setAttributes(new String[] { IMarker.SEVERITY, IMarker.MESSAGE, IMarker.LINE_NUMBER, ENVIRONMENT, IMarker.SOURCE_ID },
                    new Object[] { IMarker.SEVERITY_ERROR, message, Integer.parseInt(where.substring(colon + 1)), environment, "VSE" });
        } catch (CoreException | NumberFormatException e) {
            // the console names the line anyway
        }
    }

    private static String sentence(String message) {
        String s = message == null || message.isEmpty() ? "The image could not be built." : message;
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A reason not to build, as one sentence for the user. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }
}
