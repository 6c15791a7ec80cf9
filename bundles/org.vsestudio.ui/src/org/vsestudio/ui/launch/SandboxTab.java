package org.vsestudio.ui.launch;

import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementTreeSelectionDialog;
import org.eclipse.ui.model.BaseWorkbenchContentProvider;
import org.eclipse.ui.model.WorkbenchLabelProvider;
import org.vsestudio.launch.SandboxRequest;

/**
 * The "Sandbox" tab of a VSE Sandbox launch: the .vse file, what to run (an environment or a
 * machine set, offered from the file's declarations), the command and its working directory
 * in the guest, and whether the machines keep running afterwards.
 */
public class SandboxTab extends AbstractLaunchConfigurationTab {

    private Text file;
    private Button environmentKind;
    private Button machinesKind;
    private Combo target;
    private Text command;
    private Text workdir;
    private Button keep;
    private SandboxTargets targets = SandboxTargets.NONE;
    private boolean initializing;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);

        new Label(c, SWT.NONE).setText("&File:");
        file = new Text(c, SWT.BORDER | SWT.SINGLE);
        file.setMessage("The .vse file, e.g. ${workspace_loc:/examples/climate.vse}");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(file);
        file.addModifyListener(e -> {
            readTargets();
            changed();
        });
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> browse());

        new Label(c, SWT.NONE).setText("Run:");
        Composite kinds = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(kinds);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(kinds);
        environmentKind = new Button(kinds, SWT.RADIO);
        environmentKind.setText("an &environment");
        machinesKind = new Button(kinds, SWT.RADIO);
        machinesKind.setText("a &machine set (at sandbox scale)");
        environmentKind.addListener(SWT.Selection, e -> {
            fillTargets();
            changed();
        });
        machinesKind.addListener(SWT.Selection, e -> {
            fillTargets();
            changed();
        });

        new Label(c, SWT.NONE).setText("&Name:");
        target = new Combo(c, SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(target);
        target.addModifyListener(e -> changed());

        new Label(c, SWT.NONE).setText("&Command:");
        command = new Text(c, SWT.BORDER | SWT.SINGLE);
        command.setMessage("A shell line run in the guest, e.g. hostname; mpirun -np 2 ./model");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(command);
        command.addModifyListener(e -> changed());

        new Label(c, SWT.NONE).setText("&Working directory:");
        workdir = new Text(c, SWT.BORDER | SWT.SINGLE);
        workdir.setMessage("In the guest; empty: the account's home");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(workdir);
        workdir.addModifyListener(e -> changed());

        keep = new Button(c, SWT.CHECK);
        keep.setText("&Keep the machines running after the command (else they are torn down)");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(keep);
        keep.addListener(SWT.Selection, e -> changed());
        setControl(c);
    }

    private void changed() {
        if (!initializing) {
            updateLaunchConfigurationDialog();
        }
    }

    private void browse() {
        ElementTreeSelectionDialog dialog = new ElementTreeSelectionDialog(getShell(), new WorkbenchLabelProvider(),
                new BaseWorkbenchContentProvider());
        dialog.setTitle("VSE Sandbox");
        dialog.setMessage("Choose the .vse file to run:");
        dialog.setInput(ResourcesPlugin.getWorkspace().getRoot());
        dialog.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parent, Object element) {
                return element instanceof IContainer || element instanceof IFile f && "vse".equals(f.getFileExtension());
            }
        });
        dialog.setValidator(sel -> sel.length == 1 && sel[0] instanceof IFile ? org.eclipse.core.runtime.Status.OK_STATUS
                : org.eclipse.core.runtime.Status.error("Choose a .vse file."));
        IFile current = SandboxTargets.workspaceFile(file.getText());
        if (current != null) {
            dialog.setInitialSelection(current);
        }
        if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof IFile f) {
            file.setText(SandboxTargets.attribute(f));
        }
    }

    private void readTargets() {
        targets = SandboxTargets.of(SandboxTargets.workspaceFile(file.getText()));
        fillTargets();
    }

    private void fillTargets() {
        String text = target.getText();
        List<String> names = machinesKind.getSelection() ? targets.machineSets() : targets.environments();
        target.setItems(names.toArray(String[]::new));
        target.setText(text);
    }

    /** For tests and the shortcut: the names the Name combo offers. */
    public List<String> offeredNames() {
        return List.of(target.getItems());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(SandboxRequest.ATTR_TARGET_KIND, SandboxRequest.TARGET_ENVIRONMENT);
        configuration.setAttribute(SandboxRequest.ATTR_COMMAND, "hostname");
        configuration.setAttribute(SandboxRequest.ATTR_KEEP, false);
        IResource selected = getContext();
        if (selected instanceof IFile f && "vse".equals(f.getFileExtension())) {
            configuration.setAttribute(SandboxRequest.ATTR_FILE, SandboxTargets.attribute(f));
        }
    }

    private static IResource getContext() {
        return org.eclipse.debug.ui.DebugUITools.getSelectedResource();
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        initializing = true;
        try {
            boolean machines = SandboxRequest.TARGET_MACHINES
                    .equals(configuration.getAttribute(SandboxRequest.ATTR_TARGET_KIND, SandboxRequest.TARGET_ENVIRONMENT));
            environmentKind.setSelection(!machines);
            machinesKind.setSelection(machines);
            file.setText(configuration.getAttribute(SandboxRequest.ATTR_FILE, ""));
            target.setText(configuration.getAttribute(SandboxRequest.ATTR_TARGET, ""));
            command.setText(configuration.getAttribute(SandboxRequest.ATTR_COMMAND, ""));
            workdir.setText(configuration.getAttribute(SandboxRequest.ATTR_WORKDIR, ""));
            keep.setSelection(configuration.getAttribute(SandboxRequest.ATTR_KEEP, false));
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        } finally {
            initializing = false;
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(SandboxRequest.ATTR_FILE, file.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_TARGET_KIND,
                machinesKind.getSelection() ? SandboxRequest.TARGET_MACHINES : SandboxRequest.TARGET_ENVIRONMENT);
        configuration.setAttribute(SandboxRequest.ATTR_TARGET, target.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_COMMAND, command.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_WORKDIR, workdir.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_KEEP, keep.getSelection());
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        String problem = problem();
        setErrorMessage(problem);
        return problem == null;
    }

    private String problem() {
        String f = file.getText().strip();
        if (f.isEmpty()) {
            return "Choose the .vse file to run.";
        }
        if (!f.contains("${") || f.startsWith("${workspace_loc:")) {
            IFile wf = SandboxTargets.workspaceFile(f);
            boolean exists = wf != null ? wf.exists() : java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f));
            if (!exists) {
                return "The file " + f + " does not exist.";
            }
        }
        String name = target.getText().strip();
        if (machinesKind.getSelection()) {
            if (name.isEmpty()) {
                return "Choose the machine set to run.";
            }
            if (!targets.machineSets().isEmpty() && !targets.machineSets().contains(name)) {
                return "The file declares no machine set " + name + ".";
            }
        } else if (!name.isEmpty() && !targets.environments().isEmpty() && !targets.environments().contains(name)) {
            return "The file declares no environment " + name + ".";
        } else if (name.isEmpty() && targets.environments().size() > 1) {
            return "The file has several environments; choose one.";
        }
        if (command.getText().isBlank()) {
            return "Enter the command to run in the sandbox, for example 'hostname'.";
        }
        return null;
    }

    @Override
    public String getName() {
        return "Sandbox";
    }
}
