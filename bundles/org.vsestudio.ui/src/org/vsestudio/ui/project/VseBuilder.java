package org.vsestudio.ui.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.validation.IssueCodes;

import com.google.inject.Injector;

/**
 * Validates the {@code .vse} files of a VSE project, as {@code vse check} does, into
 * Problems-view markers of type {@link #MARKER}. All of the project's files (and those of the
 * preferences' site bases, for linking) are loaded into one resource set so that imports
 * resolve. A change to any {@code .vse} file validates the whole project again: a base's
 * change reaches every file that extends it, and a project of tens of files takes well under
 * a second once the repository index is loaded. Environments of valid files whose lock file
 * ({@code NAME.vse.lock} beside the file) exists have it written again when it is stale.
 * When the project's setting "Build images when the project builds" is on, the environments
 * of valid files whose image inputs changed get an image build job
 * ({@link org.vsestudio.ui.build.ImageBuildSettings#afterValidBuild}).
 */
public class VseBuilder extends IncrementalProjectBuilder {

    /** The builder's id. */
    public static final String ID = "org.vsestudio.ui.vseBuilder";
    /** The type of the builder's markers, a problem and a text marker. */
    public static final String MARKER = "org.vsestudio.ui.problem";
    /** The marker attribute holding the diagnostic's issue code, as {@code vse check} shows it. */
    public static final String CODE = "code";

    private static final String EXTENSION = "vse";

    @Override
    protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
        IResourceDelta delta = kind == FULL_BUILD ? null : getDelta(getProject());
        if (delta != null && !touchesVseFile(delta)) {
            return null;
        }
        try {
            IndexLoading.waiting(monitor, () -> {
                validate(getProject(), monitor);
                return null;
            });
        } catch (OperationCanceledException e) {
            forgetLastBuiltState();
            throw e;
        }
        return null;
    }

    @Override
    protected void clean(IProgressMonitor monitor) throws CoreException {
        getProject().deleteMarkers(MARKER, true, IResource.DEPTH_INFINITE);
    }

    private static boolean touchesVseFile(IResourceDelta delta) throws CoreException {
        boolean[] found = { false };
        delta.accept(d -> {
            if (found[0]) {
                return false;
            }
            if (d.getResource().getType() == IResource.FILE && EXTENSION.equals(d.getResource().getFileExtension())
                    && (d.getKind() != IResourceDelta.CHANGED || (d.getFlags() & (IResourceDelta.CONTENT | IResourceDelta.REPLACED)) != 0)) {
                found[0] = true;
            }
            return true;
        });
        return found[0];
    }

    /**
     * Validates every {@code .vse} file of {@code project} and replaces its VSE markers with
     * the diagnostics found. Cancelling leaves the markers as they were.
     */
    static void validate(IProject project, IProgressMonitor monitor) throws CoreException {
        List<IFile> files = vseFiles(project);
        SubMonitor sub = SubMonitor.convert(monitor, "Validating the .vse files of " + project.getName(), files.size() * 2 + 2);
        Injector injector = VseLanguage.injector();
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);

        sub.subTask("Loading the .vse files");
        Map<IFile, Resource> resources = new LinkedHashMap<>();
        for (IFile file : files) {
            checkCanceled(sub);
            Resource resource = resourceSet.createResource(URI.createPlatformResourceURI(file.getFullPath().toString(), true));
            try (InputStream in = file.getContents(true)) {
                resource.load(in, resourceSet.getLoadOptions());
            } catch (IOException e) {
                throw new CoreException(Status.error("Cannot read " + file.getFullPath() + ".", e));
            }
            resources.put(file, resource);
            sub.worked(1);
        }
        List<Path> locations = files.stream().filter(f -> f.getLocation() != null).map(f -> f.getLocation().toFile().toPath()).toList();
        for (Path base : siteBaseFiles()) {
            checkCanceled(sub);
            if (locations.contains(base)) {
                continue;
            }
            Resource resource = resourceSet.createResource(URI.createFileURI(base.toString()));
            try {
                resource.load(resourceSet.getLoadOptions());
            } catch (IOException e) {
                // a site base that cannot be read does not link: the files using it say so
            }
        }
        sub.worked(1);

        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        Map<IFile, List<Issue>> found = new LinkedHashMap<>();
        for (Map.Entry<IFile, Resource> entry : resources.entrySet()) {
            checkCanceled(sub);
            sub.subTask("Validating " + entry.getKey().getProjectRelativePath());
            found.put(entry.getKey(), validator.validate(entry.getValue(), CheckMode.ALL, sub::isCanceled));
            checkCanceled(sub);
            sub.worked(1);
        }

        project.deleteMarkers(MARKER, true, IResource.DEPTH_INFINITE);
        for (Map.Entry<IFile, List<Issue>> entry : found.entrySet()) {
            for (Issue issue : entry.getValue()) {
                mark(entry.getKey(), issue);
            }
        }
        sub.worked(1);
        sub.subTask("Refreshing lock files");
        LockRefresher locks = new LockRefresher(injector.getInstance(IndexProvider.class));
        for (Map.Entry<IFile, List<Issue>> entry : found.entrySet()) {
            if (entry.getValue().stream().noneMatch(i -> i.getSeverity() == Severity.ERROR)) {
                locks.refresh(entry.getKey(), resources.get(entry.getKey()), sub);
                org.vsestudio.ui.build.ImageBuildSettings.afterValidBuild(entry.getKey(), resources.get(entry.getKey()));
            }
        }
        for (Resource resource : new ArrayList<>(resourceSet.getResources())) {
            resource.unload();
        }
    }

    private static void mark(IFile file, Issue issue) throws CoreException {
        IMarker marker = file.createMarker(MARKER);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(IMarker.SEVERITY, severity(issue.getSeverity()));
        attributes.put(IMarker.MESSAGE, issue.getMessage());
        attributes.put(IMarker.LINE_NUMBER, issue.getLineNumber() == null ? 1 : issue.getLineNumber());
        if (issue.getOffset() != null) {
            attributes.put(IMarker.CHAR_START, issue.getOffset());
            attributes.put(IMarker.CHAR_END, issue.getOffset() + (issue.getLength() == null ? 0 : issue.getLength()));
        }
        attributes.put(CODE, IssueCodes.userFacing(issue.getCode()));
        attributes.put(IMarker.SOURCE_ID, "VSE");
        marker.setAttributes(attributes);
    }

    private static int severity(Severity severity) {
        return switch (severity) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            default -> IMarker.SEVERITY_INFO;
        };
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** @return the project's {@code .vse} files, in path order, outside derived and hidden folders */
    public static List<IFile> vseFiles(IProject project) throws CoreException {
        List<IFile> files = new ArrayList<>();
        project.accept(resource -> {
            if (resource.isDerived() || (resource.getType() == IResource.FOLDER && resource.getName().startsWith("."))) {
                return false;
            }
            if (resource instanceof IFile file && EXTENSION.equals(file.getFileExtension())) {
                files.add(file);
            }
            return true;
        });
        files.sort((a, b) -> a.getFullPath().toString().compareTo(b.getFullPath().toString()));
        return files;
    }

    /** @return the {@code .vse} files of the preferences' site bases, which every project links against */
    public static List<Path> siteBaseFiles() {
        List<Path> files = new ArrayList<>();
        for (Path dir : VsePreferences.siteBases()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(f -> f.getFileName().toString().endsWith(".vse") && Files.isRegularFile(f)).map(f -> f.toAbsolutePath().normalize()).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    // an unreadable folder of site bases adds nothing
                }
            }
        }
        return files;
    }
}
