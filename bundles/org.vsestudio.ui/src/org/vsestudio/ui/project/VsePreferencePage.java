package org.vsestudio.ui.project;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.PathEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window › Preferences › VSE: the index, a mirror, the hypervisor, site bases and formatting. */
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
    }
}
