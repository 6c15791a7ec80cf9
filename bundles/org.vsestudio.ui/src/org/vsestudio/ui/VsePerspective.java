package org.vsestudio.ui;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.search.ui.NewSearchUI;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;
import org.vsestudio.ui.project.NewVseProjectWizard;

/** The VSE perspective: projects on the left, editors, problems and consoles below. */
public class VsePerspective implements IPerspectiveFactory {

    public static final String ID = "org.vsestudio.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.22f, editors);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);

        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.68f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView("org.vsestudio.ui.sandboxes");
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(NewSearchUI.SEARCH_VIEW_ID);
        bottom.addPlaceholder("org.eclipse.pde.runtime.LogView");

        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.75f, editors);
        right.addView(IPageLayout.ID_OUTLINE);
        right.addView("org.vsestudio.diagram.ui.topology");

        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
        layout.addActionSet(NewSearchUI.ACTION_SET_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut("org.vsestudio.diagram.ui.topology");
        layout.addShowViewShortcut("org.vsestudio.ui.sandboxes");
        layout.addNewWizardShortcut(NewVseProjectWizard.ID);
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.project");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
    }
}
