package org.vsestudio.ui.project;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.PathEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window › Preferences › VSE: the index (and when it is reloaded), a mirror, the hypervisor, site bases and formatting. */
public class VsePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public VsePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, VsePreferences.QUALIFIER));
        setDescription("Where VSE Studio finds the repository index, and how it builds, runs and formats .vse files.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // nothing to do: the store is the workspace's
    }

    @Override
    protected void createFieldEditors() {
        DirectoryFieldEditor cache = new DirectoryFieldEditor(VsePreferences.INDEX_CACHE, "Index &cache folder:", getFieldEditorParent());
        cache.setEmptyStringAllowed(true);
        cache.getTextControl(getFieldEditorParent()).setMessage("empty: the user's cache folder");
        addField(cache);
        addField(new BooleanFieldEditor(VsePreferences.MIRROR_ENABLED,
                "Use this &mirror instead of the host's repositories ('repositories from host'):", getFieldEditorParent()));
        addField(new StringFieldEditor(VsePreferences.MIRROR_URL, "Mirror &URL:", getFieldEditorParent()));
        addField(new StringFieldEditor(VsePreferences.MIRROR_SUITE, "Mirror &suite:", getFieldEditorParent()));
        addField(new StringFieldEditor(VsePreferences.MIRROR_COMPONENTS, "Mirror c&omponents:", getFieldEditorParent()));
        addField(new StringFieldEditor(VsePreferences.HYPERVISOR_URI, "Default &hypervisor connection:", getFieldEditorParent()));
        addField(new PathEditor(VsePreferences.SITE_BASES, "Folders of site &bases (linked by every VSE project):", "Choose a folder of site bases",
                getFieldEditorParent()));
        IntegerFieldEditor indentation = new IntegerFieldEditor(VsePreferences.INDENTATION, "Formatting &indentation (spaces, 0 for a tab):",
                getFieldEditorParent());
        indentation.setValidRange(0, 16);
        addField(indentation);
        addField(new RadioGroupFieldEditor(VsePreferences.INDEX_REFRESH, "Reload the package &index:", 1, new String[][] {
                { "When the host's apt lists change", VsePreferences.REFRESH_ON_CHANGE },
                { "Every number of hours below", VsePreferences.REFRESH_EVERY },
                { "Manually, with the button below", VsePreferences.REFRESH_MANUAL } }, getFieldEditorParent(), true));
        IntegerFieldEditor hours = new IntegerFieldEditor(VsePreferences.INDEX_REFRESH_HOURS, "Hours between &reloads:", getFieldEditorParent());
        hours.setValidRange(1, 24 * 30);
        addField(hours);
    }

    @Override
    protected Control createContents(Composite parent) {
        Control fields = super.createContents(parent);
        Composite row = new Composite((Composite) fields, SWT.NONE);
        row.setLayout(new GridLayout(2, false));
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.horizontalSpan = ((GridLayout) ((Composite) fields).getLayout()).numColumns;
        row.setLayoutData(data);
        Button reload = new Button(row, SWT.PUSH);
        reload.setText("Reload package index &now");
        Label status = new Label(row, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        reload.addListener(SWT.Selection, e -> {
            int jobs = IndexLoading.reload().size();
            status.setText(jobs == 1 ? "Loading the package index (Progress view)" : "Loading " + jobs + " package indexes (Progress view)");
        });
        return fields;
    }
}
