package org.vsestudio.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.vsestudio.dsl.validation.IssueCodes;

import com.google.inject.Injector;

/**
 * The {@code .vse} files a command works on, loaded into one resource set so that
 * {@code import}s resolve across them. Besides the files named on the command line, the
 * {@code .vse} files of their folders (and of the folders on {@code VSE_PATH}, where a site
 * keeps its bases) are loaded for linking; only the named ones are reported on.
 */
final class VseFiles {

    private final Injector injector;
    private final XtextResourceSet resourceSet;
    private final Map<Path, Resource> reported = new TreeMap<>();

    private VseFiles(Injector injector) {
        this.injector = injector;
        this.resourceSet = injector.getInstance(XtextResourceSet.class);
    }

    /**
     * Loads the files and folders of {@code paths}.
     *
     * @throws Command.UsageException if a path does not exist or holds no {@code .vse} file
     */
    static VseFiles load(Injector injector, List<Path> paths, List<Path> searchPath) throws Command.UsageException, IOException {
        VseFiles files = new VseFiles(injector);
        TreeSet<Path> named = new TreeSet<>();
        TreeSet<Path> context = new TreeSet<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                List<Path> found = vseFilesUnder(abs);
                if (found.isEmpty()) {
                    throw new Command.UsageException("The folder '" + p + "' holds no .vse file.");
                }
                named.addAll(found);
            } else if (Files.isRegularFile(abs)) {
                named.add(abs);
                if (abs.getParent() != null) {
                    context.addAll(vseFilesUnder(abs.getParent()));
                }
            } else {
                throw new Command.UsageException("'" + p + "' does not exist.");
            }
        }
        for (Path dir : searchPath) {
            if (Files.isDirectory(dir)) {
                context.addAll(vseFilesUnder(dir.toAbsolutePath().normalize()));
            }
        }
        context.removeAll(named);
        for (Path file : named) {
            files.reported.put(file, files.loadFile(file));
        }
        for (Path file : context) {
            files.loadFile(file);
        }
        return files;
    }

    private Resource loadFile(Path file) throws IOException {
        Resource resource = resourceSet.createResource(URI.createFileURI(file.toString()));
        if (resource == null) {
            throw new IOException("Cannot read '" + file + "' as a VSE file.");
        }
        resource.load(resourceSet.getLoadOptions());
        return resource;
    }

    private static List<Path> vseFilesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".vse") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    /** @return the resource of a file named on the command line, {@code null} if it was not named */
    /** @return every loaded resource: the named files and the files around them */
    List<Resource> resources() {
        return List.copyOf(resourceSet.getResources());
    }

    Resource resource(Path file) {
        return reported.get(file.toAbsolutePath().normalize());
    }

    /** @return the injector the files were loaded with */
    Injector injector() {
        return injector;
    }

    /** The folders on {@code VSE_PATH}, where a site keeps the bases its users extend. */
    static List<Path> searchPath() {
        String value = System.getenv("VSE_PATH");
        List<Path> dirs = new ArrayList<>();
        if (value != null) {
            for (String dir : value.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return dirs;
    }

    /** @return the files named on the command line, in path order */
    Collection<Path> reportedFiles() {
        return reported.keySet();
    }

    /** Validates every named file; the others only help linking. */
    List<Diagnostic> validate() {
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        List<Diagnostic> all = new ArrayList<>();
        reported.forEach((path, resource) -> {
            for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
                all.add(toDiagnostic(path, issue));
            }
        });
        all.sort(null);
        return all;
    }

    private static Diagnostic toDiagnostic(Path path, Issue issue) {
        Diagnostic.Severity severity = switch (issue.getSeverity()) {
            case ERROR -> Diagnostic.Severity.ERROR;
            case WARNING -> Diagnostic.Severity.WARNING;
            default -> Diagnostic.Severity.INFO;
        };
        int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
        int column = issue.getColumn() == null ? 1 : issue.getColumn();
        int endLine = issue.getLineNumberEnd() == null ? line : issue.getLineNumberEnd();
        int endColumn = issue.getColumnEnd() == null ? column : issue.getColumnEnd();
        return new Diagnostic(path, line, column, endLine, endColumn, severity, IssueCodes.userFacing(issue.getCode()),
                issue.getMessage());
    }
}
