package org.vsestudio.ui.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.vsestudio.vm.Machine;
import org.vsestudio.vm.Registry;

/**
 * The Sandboxes view: every machine of the V2M {@link Registry} (those {@code vse run}, a
 * VSE Sandbox launch or {@code vse vm} started), with its state, backend, uptime, image and
 * SSH endpoint, refreshed every 2 s off the UI thread; pause, resume, stop, destroy,
 * snapshot, restore, its serial console, and removing stale entries. The registry is the
 * user's ({@link Registry#ofUser()}), or the folder in the system property
 * {@value #REGISTRY_PROPERTY}.
 */
public class SandboxesView extends ViewPart {

    public static final String ID = "org.vsestudio.ui.sandboxes";
    public static final String REGISTRY_PROPERTY = "vse.vm.registry";
    static final long REFRESH_MILLIS = 2000;

    /** One row: a registry entry and the state read from its machine. */
    public record Row(Registry.Entry entry, boolean alive, String state) {
    }

    private TableViewer viewer;
    private volatile boolean disposed;
    private volatile List<Row> rows = List.of();
    private volatile String lastError;
    private final Job refresher = new Job("Refresh the Sandboxes view") {
        @Override
        protected IStatus run(IProgressMonitor monitor) {
            List<Row> read = read();
            Display display = viewer == null ? null : viewer.getControl().getDisplay();
            if (display != null && !display.isDisposed()) {
                display.asyncExec(() -> show(read));
            }
            if (!disposed) {
                schedule(REFRESH_MILLIS);
            }
            return Status.OK_STATUS;
        }
    };

    private Action pause;
    private Action resume;
    private Action stop;
    private Action destroy;
    private Action snapshot;
    private Action restore;
    private Action console;
    private Action clean;
    private Action refresh;

    /** The registry the view shows. */
    public static Registry registry() {
        String override = System.getProperty(REGISTRY_PROPERTY);
        return override != null && !override.isBlank() ? new Registry(Path.of(override)) : Registry.ofUser();
    }

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column("Name", 160, r -> r.entry().name());
        column("State", 80, Row::state);
        column("Backend", 70, r -> r.entry().backend());
        column("Uptime", 70, r -> r.alive() ? uptime(r.entry().uptime()) : "-");
        column("Image", 110, r -> shortDigest(r.entry().imageDigest()));
        column("SSH", 130, r -> r.entry().sshPort() > 0 ? "127.0.0.1:" + r.entry().sshPort() : "-");
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(rows);
        viewer.addSelectionChangedListener(e -> updateActions());
        createActions();
        IToolBarManager tb = getViewSite().getActionBars().getToolBarManager();
        for (IAction a : List.of(refresh, pause, resume, stop, destroy, console)) {
            tb.add(a);
        }
        IMenuManager pulldown = getViewSite().getActionBars().getMenuManager();
        for (IAction a : List.of(pause, resume, stop, destroy, snapshot, restore, console, clean, refresh)) {
            pulldown.add(a);
        }
        MenuManager menu = new MenuManager();
        for (IAction a : List.of(pause, resume, stop, destroy)) {
            menu.add(a);
        }
        menu.add(new Separator());
        menu.add(snapshot);
        menu.add(restore);
        menu.add(console);
        menu.add(new Separator());
        menu.add(clean);
        menu.add(refresh);
        table.setMenu(menu.createContextMenu(table));
        getSite().setSelectionProvider(viewer);
        updateActions();
        refresher.setSystem(true);
        refresher.schedule();
    }

    private void column(String title, int width, java.util.function.Function<Row, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }
        });
    }

    private void createActions() {
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        pause = action("Pause", "Pauses the machine (its memory stays)", m -> m.machine().pause(), "pause");
        resume = action("Resume", "Resumes a paused machine", m -> m.machine().resume(), "resume");
        stop = action("Stop", "Powers the machine off (ACPI), destroying it if it does not within 60 s", m -> {
            m.machine().stop(Duration.ofSeconds(60));
            m.machine().close();
        }, "stop");
        destroy = action("Destroy", "Ends the machine at once and removes its overlay and entry", m -> m.machine().close(), "destroy");
        destroy.setImageDescriptor(images.getImageDescriptor(ISharedImages.IMG_ELCL_REMOVE));
        snapshot = new Action("Take Snapshot...") {
            @Override
            public void run() {
                Row r = selected();
                String name = ask("Take Snapshot", "The name of the snapshot of " + (r == null ? "" : r.entry().name()) + ":", "snap1");
                if (r != null && name != null) {
                    control(r, "Take snapshot " + name + " of", m -> m.machine().snapshot(name));
                }
            }
        };
        restore = new Action("Restore Snapshot...") {
            @Override
            public void run() {
                Row r = selected();
                String name = ask("Restore Snapshot", "The name of the snapshot to restore " + (r == null ? "" : r.entry().name()) + " to:", "snap1");
                if (r != null && name != null) {
                    control(r, "Restore snapshot " + name + " of", m -> m.machine().restore(name));
                }
            }
        };
        console = new Action("Serial Console") {
            @Override
            public void run() {
                Row r = selected();
                if (r != null) {
                    SerialConsole.open(r.entry());
                }
            }
        };
        console.setToolTipText("Shows the machine's serial console log in the Console view, following it");
        clean = new Action("Remove Stale Entries") {
            @Override
            public void run() {
                background("Remove stale sandbox entries", () -> registry().clean());
            }
        };
        clean.setToolTipText("Removes the entries (and files) of machines whose process or domain is gone");
        clean.setImageDescriptor(images.getImageDescriptor(ISharedImages.IMG_ELCL_REMOVEALL));
        refresh = new Action("Refresh") {
            @Override
            public void run() {
                refreshNow();
            }
        };
    }

    private String ask(String title, String message, String initial) {
        InputDialog d = new InputDialog(getSite().getShell(), title, message, initial,
                t -> t.isBlank() ? "Enter a name." : t.matches("[A-Za-z0-9._-]+") ? null : "Use letters, digits, '.', '_' and '-' only.");
        return d.open() == Window.OK ? d.getValue().strip() : null;
    }

    interface Control {
        void run(Attached m) throws IOException, InterruptedException;
    }

    record Attached(Machine machine) {
    }

    private Action action(String label, String tooltip, Control control, String verb) {
        Action a = new Action(label) {
            @Override
            public void run() {
                Row r = selected();
                if (r != null) {
                    control(r, label, control);
                }
            }
        };
        a.setToolTipText(tooltip);
        return a;
    }

    interface Work {
        Object run() throws IOException, InterruptedException;
    }

    private void background(String name, Work work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    work.run();
                } catch (IOException | RuntimeException e) {
                    fail(name + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                refreshNow();
                return Status.OK_STATUS;
            }
        };
        job.setUser(false);
        job.schedule();
    }

    /** Runs an action on a row's machine as a job, attaching to it through the registry. */
    private void control(Row r, String label, Control control) {
        background(label + " " + r.entry().name(), () -> {
            if (!r.alive()) {
                throw new IOException(r.entry().name() + " is no longer running; 'Remove Stale Entries' removes its entry");
            }
            Machine m = registry().attach(r.entry());
            control.run(new Attached(m));
            return null;
        });
    }

    private void fail(String message) {
        lastError = message;
        Display display = viewer.getControl().getDisplay();
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!viewer.getControl().isDisposed()) {
                    getViewSite().getActionBars().getStatusLineManager().setErrorMessage(message);
                    if (!Boolean.getBoolean("vse.test.noDialogs")) {
                        MessageDialog.openError(getSite().getShell(), "Sandboxes", message.endsWith(".") ? message : message + ".");
                    }
                }
            });
        }
    }

    private Row selected() {
        IStructuredSelection s = viewer.getStructuredSelection();
        return s.getFirstElement() instanceof Row r ? r : null;
    }

    private void updateActions() {
        Row r = selected();
        boolean alive = r != null && r.alive();
        pause.setEnabled(alive && !"paused".equals(r.state()));
        resume.setEnabled(alive && "paused".equals(r.state()));
        stop.setEnabled(alive);
        destroy.setEnabled(alive);
        snapshot.setEnabled(alive);
        restore.setEnabled(alive);
        console.setEnabled(r != null && r.entry().console() != null);
    }

    /** Reads the registry and each live machine's state (off the UI thread). */
    static List<Row> read() {
        List<Row> out = new ArrayList<>();
        try {
            Registry registry = registry();
            for (Registry.Listed l : registry.list()) {
                String state = "stale";
                if (l.alive()) {
                    try {
                        state = registry.attach(l.entry()).state().name().toLowerCase();
                    } catch (IOException | RuntimeException e) {
                        state = "unknown";
                    }
                }
                out.add(new Row(l.entry(), l.alive(), state));
            }
        } catch (IOException e) {
            // an unreadable registry folder shows as empty
        }
        return out;
    }

    private void show(List<Row> read) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        String selectedName = selected() == null ? null : selected().entry().name();
        rows = List.copyOf(read);
        viewer.setInput(rows);
        if (selectedName != null) {
            rows.stream().filter(r -> r.entry().name().equals(selectedName)).findFirst()
                    .ifPresent(r -> viewer.setSelection(new StructuredSelection(r)));
        }
        setContentDescription(rows.isEmpty() ? "No sandbox machines are running." : rows.size() + " machine" + (rows.size() == 1 ? "" : "s"));
        updateActions();
    }

    /** Refreshes now (any thread). */
    public void refreshNow() {
        refresher.cancel();
        refresher.schedule();
    }

    /** The rows shown (for tests). */
    public List<Row> rows() {
        return rows;
    }

    /** The last error shown to the user, or {@code null} (for tests). */
    public String lastError() {
        return lastError;
    }

    /** Selects the row of a machine (for tests and links). */
    public boolean select(String name) {
        for (Row r : rows) {
            if (r.entry().name().equals(name)) {
                viewer.setSelection(new StructuredSelection(r), true);
                return true;
            }
        }
        return false;
    }

    /** The action of a label, e.g. "Pause" (for tests). */
    public IAction action(String label) {
        for (IAction a : List.of(pause, resume, stop, destroy, snapshot, restore, console, clean, refresh)) {
            if (a.getText().equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException(label);
    }

    public TableViewer viewer() {
        return viewer;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        disposed = true;
        refresher.cancel();
        super.dispose();
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 3600 ? String.format("%d:%02d", s / 60, s % 60) : String.format("%dh%02d", s / 3600, s % 3600 / 60);
    }

    static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
