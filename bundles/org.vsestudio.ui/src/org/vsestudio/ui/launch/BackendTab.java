package org.vsestudio.ui.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vsestudio.launch.SandboxRequest;
import org.vsestudio.ui.project.VsePreferences;

/**
 * The "Backend" tab of a VSE Sandbox launch: qemu, libvirt or container, libvirt's
 * connection (default: the VSE preference's hypervisor connection), and profile overrides.
 */
public class BackendTab extends AbstractLaunchConfigurationTab {

    private Combo backend;
    private Text connect;
    private Text memory;
    private Text cpus;
    private Text timeout;
    private boolean initializing;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText("&Backend:");
        backend = new Combo(c, SWT.READ_ONLY);
        backend.setItems(SandboxRequest.BACKENDS.toArray(String[]::new));
        backend.setToolTipText("qemu: QEMU started directly, no daemon; libvirt: a libvirt connection; "
                + "container: systemd-nspawn, seconds instead of tens of seconds, lower protection");
        backend.addListener(SWT.Selection, e -> changed());
        connect = field(c, "libvirt &connection:", "e.g. qemu:///session or qemu:///system");
        memory = field(c, "&Memory (MiB):", "Empty: the profile's (2048)");
        cpus = field(c, "C&PUs:", "Empty: the profile's (2)");
        timeout = field(c, "&Readiness timeout (s):", "Empty: 600");
        setControl(c);
    }

    private Text field(Composite c, String label, String hint) {
        new Label(c, SWT.NONE).setText(label);
        Text t = new Text(c, SWT.BORDER | SWT.SINGLE);
        t.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        t.addModifyListener(e -> changed());
        return t;
    }

    private void changed() {
        connect.setEnabled("libvirt".equals(backend.getText()));
        if (!initializing) {
            updateLaunchConfigurationDialog();
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(SandboxRequest.ATTR_BACKEND, defaultBackend());
        configuration.setAttribute(SandboxRequest.ATTR_CONNECT, VsePreferences.hypervisorUri());
    }

    /**
     * The backend a new configuration uses: the VSE preference's hypervisor connection if it
     * names one ({@code qemu}, {@code container}, or a libvirt URI other than the default
     * {@code qemu:///session}, which means libvirt), else direct QEMU, which needs no daemon.
     */
    public static String defaultBackend() {
        String pref = VsePreferences.hypervisorUri();
        if (pref == null || pref.isBlank() || pref.equals("qemu:///session")) {
            return "qemu";
        }
        if (SandboxRequest.BACKENDS.contains(pref)) {
            return pref;
        }
        return "libvirt";
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        initializing = true;
        try {
            backend.setText(configuration.getAttribute(SandboxRequest.ATTR_BACKEND, defaultBackend()));
            connect.setText(configuration.getAttribute(SandboxRequest.ATTR_CONNECT, ""));
            memory.setText(configuration.getAttribute(SandboxRequest.ATTR_MEMORY, ""));
            cpus.setText(configuration.getAttribute(SandboxRequest.ATTR_CPUS, ""));
            timeout.setText(configuration.getAttribute(SandboxRequest.ATTR_TIMEOUT, ""));
            changed();
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        } finally {
            initializing = false;
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(SandboxRequest.ATTR_BACKEND, backend.getText());
        configuration.setAttribute(SandboxRequest.ATTR_CONNECT, connect.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_MEMORY, memory.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_CPUS, cpus.getText().strip());
        configuration.setAttribute(SandboxRequest.ATTR_TIMEOUT, timeout.getText().strip());
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        String problem = SandboxRequest.numberProblem(memory.getText(), "Memory");
        if (problem == null) {
            problem = SandboxRequest.numberProblem(cpus.getText(), "CPUs");
        }
        if (problem == null) {
            problem = SandboxRequest.numberProblem(timeout.getText(), "The readiness timeout");
        }
        if (problem == null && "libvirt".equals(backend.getText()) && !connect.getText().isBlank() && !connect.getText().contains(":")) {
            problem = "The libvirt connection must be a URI such as qemu:///session.";
        }
        setErrorMessage(problem);
        return problem == null;
    }

    @Override
    public String getName() {
        return "Backend";
    }
}
