package org.vsestudio.ui.launch;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.ListDialog;
import org.vsestudio.launch.SandboxRequest;

/**
 * Run As ▸ VSE Sandbox on a .vse file (Project Explorer or editor): reuses the file's VSE
 * Sandbox configuration if there is one; otherwise makes one. What it runs: the file's only
 * environment; if the file declares several environments or machine sets, the user chooses
 * from a list (machine sets first, since a file with a machine set is usually about it). The
 * command is asked for once (default {@code hostname}) and saved in the configuration.
 */
public class SandboxLaunchShortcut implements ILaunchShortcut {

    public static final String TITLE = "Run in VSE Sandbox";

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && s.size() == 1) {
            IFile file = Adapters.adapt(s.getFirstElement(), IFile.class);
            if (file != null) {
                launch(file, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IFile file = Adapters.adapt(editor.getEditorInput(), IFile.class);
        if (file != null) {
            launch(file, mode);
        }
    }

    private void launch(IFile file, String mode) {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        try {
            ILaunchConfiguration configuration = find(file);
            if (configuration == null) {
                configuration = create(shell, file);
            }
            if (configuration != null) {
                DebugUITools.launch(configuration, mode);
            }
        } catch (CoreException e) {
            ErrorDialog.openError(shell, TITLE, "The sandbox of " + file.getName() + " could not be launched.", e.getStatus());
        }
    }

    /** @return the first VSE Sandbox configuration of {@code file}, or {@code null} */
    public static ILaunchConfiguration find(IFile file) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(SandboxRequest.TYPE);
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (SandboxTargets.attribute(file).equals(c.getAttribute(SandboxRequest.ATTR_FILE, ""))) {
                return c;
            }
        }
        return null;
    }

    /** Makes and saves a configuration for {@code file}, asking what to run and the command; {@code null} if cancelled. */
    public static ILaunchConfiguration create(Shell shell, IFile file) throws CoreException {
        SandboxTargets targets = SandboxTargets.of(file);
        List<String> choices = new ArrayList<>();
        targets.machineSets().forEach(m -> choices.add("machine set " + m));
        targets.environments().forEach(e -> choices.add("environment " + e));
        if (choices.isEmpty()) {
            MessageDialog.openInformation(shell, TITLE, file.getName() + " declares no environment or machine set to run (or has syntax errors).");
            return null;
        }
        String choice = choices.get(0);
        if (choices.size() > 1) {
            ListDialog dialog = new ListDialog(shell);
            dialog.setTitle(TITLE);
            dialog.setMessage("What of " + file.getName() + " do you want to run in the sandbox?");
            dialog.setContentProvider(ArrayContentProvider.getInstance());
            dialog.setLabelProvider(new LabelProvider());
            dialog.setInput(choices);
            dialog.setInitialSelections(choice);
            if (dialog.open() != Window.OK || dialog.getResult().length != 1) {
                return null;
            }
            choice = (String) dialog.getResult()[0];
        }
        InputDialog input = new InputDialog(shell, TITLE, "The command to run in the sandbox (a shell line; saved in the launch configuration):",
                "hostname", text -> text.isBlank() ? "Enter a command." : null);
        if (input.open() != Window.OK) {
            return null;
        }
        boolean machines = choice.startsWith("machine set ");
        String name = machines ? choice.substring("machine set ".length()) : choice.substring("environment ".length());
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(SandboxRequest.TYPE);
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null,
                manager.generateLaunchConfigurationName(file.getName().replaceFirst("\\.vse$", "") + " " + name));
        wc.setAttribute(SandboxRequest.ATTR_FILE, SandboxTargets.attribute(file));
        wc.setAttribute(SandboxRequest.ATTR_TARGET_KIND, machines ? SandboxRequest.TARGET_MACHINES : SandboxRequest.TARGET_ENVIRONMENT);
        wc.setAttribute(SandboxRequest.ATTR_TARGET, name);
        wc.setAttribute(SandboxRequest.ATTR_COMMAND, input.getValue().strip());
        wc.setAttribute(SandboxRequest.ATTR_BACKEND, BackendTab.defaultBackend());
        wc.setMappedResources(new org.eclipse.core.resources.IResource[] {file});
        return wc.doSave();
    }
}
