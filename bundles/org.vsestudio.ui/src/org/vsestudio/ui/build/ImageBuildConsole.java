package org.vsestudio.ui.build;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.IPatternMatchListener;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;
import org.eclipse.ui.console.PatternMatchEvent;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * The console of one environment's image builds, "VSE Image Build — NAME": the build's
 * tasks, the tools' output, the result. {@code FILE.vse:LINE} in it is a link to that line.
 */
public final class ImageBuildConsole extends MessageConsole {

    /** The console type, which tells these consoles from others. */
    public static final String TYPE = "org.vsestudio.ui.imageBuildConsole";
    private static final String PREFIX = "VSE Image Build \u2014 ";

    private final Map<String, IFile> files = new ConcurrentHashMap<>();
    private final MessageConsoleStream stream;

    private ImageBuildConsole(String environment) {
        super(PREFIX + environment, TYPE, ImageDescriptor.createFromURL(ImageBuildConsole.class.getResource("/icons/vse16.png")), true);
        stream = newMessageStream();
        addPatternMatchListener(new Links());
    }

    /** @return the console of {@code environment}'s builds, made and added to the Console view if new */
    public static ImageBuildConsole of(String environment) {
        IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
        synchronized (ImageBuildConsole.class) {
            for (IConsole c : manager.getConsoles()) {
                if (c instanceof ImageBuildConsole console && console.getName().equals(PREFIX + environment)) {
                    return console;
                }
            }
            ImageBuildConsole console = new ImageBuildConsole(environment);
            manager.addConsoles(new IConsole[] { console });
            return console;
        }
    }

    /** Empties the console and brings it to the front of the Console view. */
    void start() {
        clearConsole();
        files.clear();
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(this);
    }

    /** Makes {@code name} (a file name as the builder reports it, e.g. {@code climate.vse}) a link to {@code file}. */
    void link(String name, IFile file) {
        files.putIfAbsent(name, file);
        files.putIfAbsent(file.getProjectRelativePath().toString(), file);
    }

    /** Prints one line. */
    void println(String line) {
        stream.println(line);
    }

    /** @return the file a link names, or {@code null} */
    IFile file(String name) {
        return files.get(name);
    }

    /** Finds {@code NAME.vse:LINE} and links it to the line. */
    private final class Links implements IPatternMatchListener {

        private TextConsole console;

        @Override
        public void connect(TextConsole textConsole) {
            this.console = textConsole;
        }

        @Override
        public void disconnect() {
            console = null;
        }

        @Override
        public String getPattern() {
            return "[\\w./-]+\\.vse:\\d+";
        }

        @Override
        public int getCompilerFlags() {
            return 0;
        }

        @Override
        public String getLineQualifier() {
            return "\\.vse:";
        }

        @Override
        public void matchFound(PatternMatchEvent event) {
            TextConsole c = console;
            if (c == null) {
                return;
            }
            try {
                String text = c.getDocument().get(event.getOffset(), event.getLength());
                int colon = text.lastIndexOf(':');
                IFile file = file(text.substring(0, colon));
                if (file != null) {
                    c.addHyperlink(new LineLink(file, Integer.parseInt(text.substring(colon + 1))), event.getOffset(), event.getLength());
                }
            } catch (BadLocationException | NumberFormatException e) {
                // not a link after all
            }
        }
    }

    /** Opens a file's editor at a line. */
    record LineLink(IFile file, int line) implements IHyperlink {

        @Override
        public void linkEntered() {
        }

        @Override
        public void linkExited() {
        }

        @Override
        public void linkActivated() {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (window == null) {
                return;
            }
            IWorkbenchPage page = window.getActivePage();
            try {
                IEditorPart editor = IDE.openEditor(page, file);
                if (editor instanceof ITextEditor text) {
                    IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
                    if (document != null && line >= 1 && line <= document.getNumberOfLines()) {
                        text.selectAndReveal(document.getLineOffset(line - 1), document.getLineLength(line - 1));
                    }
                }
            } catch (PartInitException | BadLocationException e) {
                // the file cannot be opened: nothing to show
            }
        }
    }
}
