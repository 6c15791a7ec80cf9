package org.vsestudio.ui.project;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.ecore.resource.Resource;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.index.EnvironmentClosure;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.LockFile;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;

/**
 * Keeps the lock files of a valid {@code .vse} file current, as {@code vse lock} writes them:
 * an environment whose lock {@code NAME.vse.lock} exists beside the file has it written again
 * when it is stale. Locks are never created here; an environment without one stays so.
 */
final class LockRefresher {

    private final IndexProvider indexes;

    LockRefresher(IndexProvider indexes) {
        this.indexes = indexes;
    }

    /** Refreshes the existing locks of the environments of {@code resource}, the contents of {@code file}. */
    void refresh(IFile file, Resource resource, IProgressMonitor monitor) throws CoreException {
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            return;
        }
        for (var declaration : model.getDeclarations()) {
            if (monitor.isCanceled()) {
                return;
            }
            if (declaration instanceof Environment environment && environment.getName() != null) {
                IFile lock = file.getParent().getFile(new org.eclipse.core.runtime.Path(environment.getName() + ".vse.lock"));
                if (lock.exists()) {
                    refresh(environment, lock);
                }
            }
        }
    }

    private void refresh(Environment environment, IFile lock) throws CoreException {
        lock.deleteMarkers(VseBuilder.MARKER, false, IResource.DEPTH_ZERO);
        EffectiveEnvironment effective = new Evaluator().evaluate(environment);
        Optional<RepositoryIndex> found = indexes.lookup(effective).index();
        if (found.isEmpty()) {
            return;
        }
        RepositoryIndex index = found.get();
        ResolveRequest request = EnvironmentClosure.request(effective);
        if (index instanceof DebianIndex debian) {
            try (InputStream in = lock.getContents(true)) {
                LockFile current = LockFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), lock.getFullPath().toString());
                if (current.check(debian, request).current()) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not a lock file (any more): it is written again below
            }
        }
        Resolution resolution = EnvironmentClosure.resolve(index, request);
        if (!resolution.ok()) {
            IMarker marker = lock.createMarker(VseBuilder.MARKER);
            marker.setAttribute(IMarker.SEVERITY, IMarker.SEVERITY_WARNING);
            marker.setAttribute(IMarker.LINE_NUMBER, 1);
            marker.setAttribute(IMarker.MESSAGE, "The lock of environment '" + effective.name()
                    + "' is stale, and its packages do not resolve: " + resolution.problems().get(0).message());
            marker.setAttribute(VseBuilder.CODE, "vse.lock.stale");
            return;
        }
        String text = LockFile.of(index, resolution).text();
        lock.setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), IResource.FORCE | IResource.KEEP_HISTORY, null);
    }
}
