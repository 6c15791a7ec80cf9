package org.vsestudio.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.StringVariableSelectionDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vsestudio.launch.VseCommandRequest;

/** Edits what a "VSE Command" launch runs: the {@code vse} arguments and the working directory. */
public class VseCommandTab extends AbstractLaunchConfigurationTab {

    private Text arguments;
    private Text workingDirectory;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);
        arguments = field(c, "vse &arguments:", "For example: doctor, or check ${resource_loc}");
        workingDirectory = field(c, "&Working directory:", "Empty: your home folder");
        setControl(c);
    }

    private Text field(Composite c, String label, String hint) {
        new Label(c, SWT.NONE).setText(label);
        Text text = new Text(c, SWT.BORDER | SWT.SINGLE);
        text.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        text.addModifyListener(e -> updateLaunchConfigurationDialog());
        Button variables = new Button(c, SWT.PUSH);
        variables.setText("Variables...");
        variables.addListener(SWT.Selection, e -> {
            StringVariableSelectionDialog dialog = new StringVariableSelectionDialog(getShell());
            if (dialog.open() == StringVariableSelectionDialog.OK && dialog.getVariableExpression() != null) {
                text.insert(dialog.getVariableExpression());
            }
        });
        return text;
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(VseCommandRequest.ATTR_ARGUMENTS, "doctor");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            arguments.setText(configuration.getAttribute(VseCommandRequest.ATTR_ARGUMENTS, ""));
            workingDirectory.setText(configuration.getAttribute(VseCommandRequest.ATTR_WORKING_DIRECTORY, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(VseCommandRequest.ATTR_ARGUMENTS, arguments.getText().trim());
        configuration.setAttribute(VseCommandRequest.ATTR_WORKING_DIRECTORY, workingDirectory.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        if (arguments.getText().isBlank()) {
            setErrorMessage("Enter the vse command to run, for example 'doctor'.");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Command";
    }
}
