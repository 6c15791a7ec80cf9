package org.vsestudio.ui.editor;

import org.eclipse.ltk.ui.refactoring.RefactoringWizard;
import org.eclipse.ltk.ui.refactoring.UserInputWizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The dialog of "Rename VSE Name": the new name, then (Preview >) the changes file by file. */
public final class VseRenameWizard extends RefactoringWizard {

	public VseRenameWizard(VseRenameRefactoring refactoring) {
		super(refactoring, DIALOG_BASED_USER_INTERFACE | PREVIEW_EXPAND_FIRST_NODE);
		setDefaultPageTitle("Rename VSE Name");
	}

	@Override
	protected void addUserInputPages() {
		addPage(new NamePage((VseRenameRefactoring) getRefactoring()));
	}

	/** The new name, checked as it is typed. */
	private static final class NamePage extends UserInputWizardPage {
		private final VseRenameRefactoring refactoring;

		NamePage(VseRenameRefactoring refactoring) {
			super("name");
			this.refactoring = refactoring;
		}

		@Override
		public void createControl(Composite parent) {
			Composite page = new Composite(parent, SWT.NONE);
			page.setLayout(new GridLayout(2, false));
			Label label = new Label(page, SWT.NONE);
			label.setText("&New name:");
			Text name = new Text(page, SWT.BORDER);
			name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
			name.setText(refactoring.newName());
			name.selectAll();
			VseReferences.Found found = refactoring.found();
			long files = found.references().stream().map(VseReferences.Occurrence::uri).distinct().count();
			Label about = new Label(page, SWT.WRAP);
			about.setText(found.kind().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " " + found.name() + ": " + found.references().size()
					+ (found.references().size() == 1 ? " reference" : " references") + " in " + files + (files == 1 ? " file" : " files")
					+ "; the import lines that name it are updated too.");
			GridData wide = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
			wide.widthHint = 420;
			about.setLayoutData(wide);
			name.addModifyListener(e -> check(name.getText(), true));
			check(name.getText(), false);
			setControl(page);
			name.setFocus();
		}

		private void check(String text, boolean typed) {
			refactoring.setNewName(text);
			String problem = VseRename.validate(refactoring.found(), text);
			setErrorMessage(typed ? problem : null);
			setPageComplete(problem == null);
		}
	}
}
