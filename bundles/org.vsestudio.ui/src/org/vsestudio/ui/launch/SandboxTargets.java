package org.vsestudio.ui.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.vsestudio.dsl.vse.Environment;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.ui.project.VseLanguage;

/**
 * What a .vse file offers to run in a sandbox: the names of its environments and machine
 * sets, read with the language's parser (a file that does not parse offers nothing).
 */
public record SandboxTargets(List<String> environments, List<String> machineSets) {

    public static final SandboxTargets NONE = new SandboxTargets(List.of(), List.of());

    public static SandboxTargets of(IFile file) {
        if (file == null || !file.exists()) {
            return NONE;
        }
        XtextResourceSet resourceSet = VseLanguage.injector().getInstance(XtextResourceSet.class);
        Resource resource = resourceSet.createResource(URI.createPlatformResourceURI(file.getFullPath().toString(), true));
        try (InputStream in = file.getContents(true)) {
            resource.load(in, resourceSet.getLoadOptions());
            if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
                return NONE;
            }
            return new SandboxTargets(
                    model.getDeclarations().stream().filter(Environment.class::isInstance).map(d -> ((Environment) d).getName())
                            .filter(n -> n != null).toList(),
                    model.getDeclarations().stream().filter(MachineSet.class::isInstance).map(d -> ((MachineSet) d).getName())
                            .filter(n -> n != null).toList());
        } catch (IOException | CoreException | RuntimeException e) {
            return NONE;
        } finally {
            resource.unload();
        }
    }

    /** The workspace file a launch's file attribute names: {@code ${workspace_loc:/p/f.vse}} or a path in the workspace. */
    public static IFile workspaceFile(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return null;
        }
        String s = attribute.strip();
        var root = ResourcesPlugin.getWorkspace().getRoot();
        try {
            if (s.startsWith("${workspace_loc:") && s.endsWith("}")) {
                return root.getFile(new org.eclipse.core.runtime.Path(s.substring("${workspace_loc:".length(), s.length() - 1)));
            }
            if (!s.contains("${")) {
                return root.getFileForLocation(org.eclipse.core.runtime.Path.fromOSString(Path.of(s).toAbsolutePath().toString()));
            }
        } catch (RuntimeException e) {
            // not a file path
        }
        return null;
    }

    /** The file attribute for a workspace file. */
    public static String attribute(IFile file) {
        return "${workspace_loc:" + file.getFullPath().toString() + "}";
    }
}
