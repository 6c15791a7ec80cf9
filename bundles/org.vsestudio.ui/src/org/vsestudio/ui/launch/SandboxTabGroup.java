package org.vsestudio.ui.launch;

import org.eclipse.debug.ui.AbstractLaunchConfigurationTabGroup;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.EnvironmentTab;
import org.eclipse.debug.ui.ILaunchConfigurationDialog;

/** The tabs of a "VSE Sandbox" launch configuration. */
public class SandboxTabGroup extends AbstractLaunchConfigurationTabGroup {

    @Override
    public void createTabs(ILaunchConfigurationDialog dialog, String mode) {
        setTabs(new SandboxTab(), new BackendTab(), new EnvironmentTab(), new CommonTab());
    }
}
