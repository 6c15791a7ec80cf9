package org.vsestudio.ui.build;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.dialogs.PropertyPage;
import org.osgi.service.prefs.BackingStoreException;

/** The project property page "VSE Images": whether the project builder also builds images. */
public final class ImageBuildPropertyPage extends PropertyPage {

    private Button buildImages;

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        buildImages = new Button(c, SWT.CHECK);
        buildImages.setText("&Build images when the project builds");
        buildImages.setSelection(project() != null && ImageBuildSettings.buildsImages(project()));
        Label note = new Label(c, SWT.WRAP);
        note.setText("After a build finds a .vse file valid, the image of each of its environments whose inputs changed is built "
                + "into build/NAME beside the file (as Build Image does). Building images needs root.");
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = 400;
        note.setLayoutData(data);
        return c;
    }

    private IProject project() {
        return Adapters.adapt(getElement(), IProject.class);
    }

    @Override
    protected void performDefaults() {
        buildImages.setSelection(false);
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        try {
            ImageBuildSettings.setBuildsImages(project(), buildImages.getSelection());
            return true;
        } catch (BackingStoreException e) {
            MessageDialog.openError(getShell(), "VSE Images", "The setting could not be saved: " + e.getMessage());
            return false;
        }
    }
}
