package org.vsestudio.launch;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;

/**
 * What a "VSE Command" launch runs: the {@code vse} arguments (variables such as
 * {@code ${resource_loc}} substituted) and the working directory.
 */
public record VseCommandRequest(List<String> arguments, Path workingDirectory) {

    /** The attribute holding the {@code vse} arguments as one line, e.g. {@code doctor}. */
    public static final String ATTR_ARGUMENTS = "org.vsestudio.launch.ARGUMENTS";
    /** The attribute holding the working directory; empty means the user's home. */
    public static final String ATTR_WORKING_DIRECTORY = "org.vsestudio.launch.WORKING_DIRECTORY";

    public VseCommandRequest {
        arguments = List.copyOf(arguments);
    }

    /** Reads a launch configuration; substitution problems become a {@link CoreException}. */
    public static VseCommandRequest of(ILaunchConfiguration configuration) throws CoreException {
        var variables = VariablesPlugin.getDefault().getStringVariableManager();
        String line = variables.performStringSubstitution(configuration.getAttribute(ATTR_ARGUMENTS, ""));
        List<String> args = List.of(DebugPlugin.parseArguments(line));
        if (args.isEmpty()) {
            throw new CoreException(Status.error("The launch configuration '" + configuration.getName()
                    + "' names no vse command; enter one, for example 'doctor' or 'check ${resource_loc}'."));
        }
        String dir = variables.performStringSubstitution(configuration.getAttribute(ATTR_WORKING_DIRECTORY, ""));
        Path workDir = dir.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(dir);
        if (!workDir.toFile().isDirectory()) {
            throw new CoreException(Status.error("The working directory '" + workDir + "' does not exist."));
        }
        return new VseCommandRequest(args, workDir);
    }
}
