package org.vsestudio.ui.project;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The new VSE project's name and template. */
public class NewVseProjectPage extends WizardPage {

    private String name = "";
    private VseTemplate template = VseTemplate.APPLICATION;
    private Text nameText;
    private Button[] buttons;
    private Label description;

    public NewVseProjectPage() {
        super("vseProject");
        setTitle("VSE Project");
        setDescription("Create a project of .vse files from a template. The project is validated as you change it.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite composite = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(composite);
        new Label(composite, SWT.NONE).setText("Project &name:");
        nameText = new Text(composite, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(nameText);
        nameText.setText(name);
        nameText.addModifyListener(e -> {
            name = nameText.getText();
            validate();
        });

        Group group = new Group(composite, SWT.NONE);
        group.setText("Template");
        GridLayoutFactory.swtDefaults().applyTo(group);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).indent(0, 10).applyTo(group);
        VseTemplate[] templates = VseTemplate.values();
        buttons = new Button[templates.length];
        for (int i = 0; i < templates.length; i++) {
            VseTemplate t = templates[i];
            buttons[i] = new Button(group, SWT.RADIO);
            buttons[i].setText(t.label());
            buttons[i].setSelection(t == template);
            buttons[i].addListener(SWT.Selection, e -> {
                if (((Button) e.widget).getSelection()) {
                    template = t;
                    description.setText(t.description() + "\nFiles: " + String.join(", ", t.files().keySet()));
                }
            });
        }
        description = new Label(composite, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(400, SWT.DEFAULT).indent(0, 10).applyTo(description);
        description.setText(template.description() + "\nFiles: " + String.join(", ", template.files().keySet()));
        setControl(composite);
        nameText.setFocus();
        validate();
        setErrorMessage(null);
    }

    /** Sets the project's name, as typing it would. */
    public void setProjectName(String value) {
        name = value;
        if (nameText != null && !nameText.isDisposed()) {
            nameText.setText(value);
        }
        validate();
    }

    /** Chooses the template, as its button would. */
    public void setTemplate(VseTemplate value) {
        template = value;
        if (buttons != null) {
            for (int i = 0; i < buttons.length; i++) {
                buttons[i].setSelection(VseTemplate.values()[i] == value);
            }
            description.setText(value.description() + "\nFiles: " + String.join(", ", value.files().keySet()));
        }
    }

    /** @return the project's name */
    public String projectName() {
        return name.strip();
    }

    /** @return the chosen template */
    public VseTemplate template() {
        return template;
    }

    private void validate() {
        String error = null;
        if (projectName().isEmpty()) {
            error = "Enter the project's name.";
        } else {
            IStatus status = ResourcesPlugin.getWorkspace().validateName(projectName(), IResource.PROJECT);
            if (!status.isOK()) {
                error = status.getMessage();
            } else if (ResourcesPlugin.getWorkspace().getRoot().getProject(projectName()).exists()) {
                error = "A project named '" + projectName() + "' exists already.";
            }
        }
        setErrorMessage(projectName().isEmpty() ? null : error);
        setPageComplete(error == null);
    }
}
