package org.vsestudio.diagram.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.vsestudio.dsl.ide.diagram.TopologySvg;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.ui.project.VseLanguage;

import com.google.inject.Injector;

/**
 * Shows the machine sets of the active {@code .vse} editor as diagrams, redrawn a moment
 * after each change of the text.
 */
public class TopologyView extends ViewPart {

    /** The view's id. */
    public static final String ID = "org.vsestudio.diagram.ui.topology";

    private static final int DELAY_MS = 300;

    private Browser browser;
    private IDocument document;
    private String title = "";
    private String shown = "";
    private final Runnable redraw = this::redraw;
    private final IDocumentListener documentListener = new IDocumentListener() {
        @Override
        public void documentAboutToBeChanged(DocumentEvent event) {
        }

        @Override
        public void documentChanged(DocumentEvent event) {
            schedule();
        }
    };
    private final IPartListener2 partListener = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) instanceof IEditorPart editor) {
                follow(editor);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        try {
            browser = new Browser(parent, SWT.NONE);
        } catch (SWTError e) {
            Label label = new Label(parent, SWT.WRAP);
            label.setText("The Topology view draws with the system's web engine, which is not available here ("
                    + e.getMessage() + "). On Debian and Ubuntu, install the package libwebkit2gtk-4.1-0 and reopen the view.");
            return;
        }
        getSite().getPage().addPartListener(partListener);
        follow(getSite().getPage().getActiveEditor());
    }

    private boolean hasBrowser() {
        return browser != null && !browser.isDisposed();
    }

    private void follow(IEditorPart editor) {
        IDocument next = null;
        if (editor instanceof ITextEditor text && editor.getEditorInput().getName().endsWith(".vse")) {
            next = text.getDocumentProvider().getDocument(editor.getEditorInput());
            title = editor.getEditorInput().getName();
        }
        if (next == document) {
            return;
        }
        if (document != null) {
            document.removeDocumentListener(documentListener);
        }
        document = next;
        if (document != null) {
            document.addDocumentListener(documentListener);
        }
        redraw();
    }

    private void schedule() {
        if (!hasBrowser()) {
            return;
        }
        browser.getDisplay().timerExec(-1, redraw);
        browser.getDisplay().timerExec(DELAY_MS, redraw);
    }

    private void redraw() {
        if (!hasBrowser()) {
            return;
        }
        shown = html(document == null ? null : document.get(), title);
        browser.setText(shown);
    }

    /** The page for the text of a {@code .vse} file: one diagram per machine set. */
    static String html(String text, String title) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
                + "body{font-family:sans-serif;margin:8px;background:#fff;color:#222} p{color:#555} svg{max-width:100%;height:auto}</style></head><body>");
        if (text == null) {
            page.append("<p>Open a .vse file to see the topology of its machine sets.</p>");
        } else {
            List<MachineSet> sets = machineSets(text);
            if (sets.isEmpty()) {
                page.append("<p>").append(escape(title)).append(" declares no machine set.</p>");
            }
            for (MachineSet set : sets) {
                page.append("<div class=\"machine-set\">").append(TopologySvg.render(set)).append("</div>");
            }
        }
        return page.append("</body></html>").toString();
    }

    private static List<MachineSet> machineSets(String text) {
        XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
        Resource resource = set.createResource(URI.createURI("synthetic:/topology.vse"));
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
        } catch (IOException e) {
            return List.of();
        }
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof Model model)) {
            return List.of();
        }
        return model.getDeclarations().stream().filter(MachineSet.class::isInstance).map(MachineSet.class::cast)
                .filter(m -> m.getName() != null).toList();
    }

    /** The workbench's one injector of the language, shared with the editor and the builder. */
    private static Injector injector() {
        return VseLanguage.injector();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    /** @return the page the view shows now */
    public String currentPage() {
        return shown;
    }

    /** @return the result of {@code script} run in the view's page (for tests and tools) */
    public Object evaluate(String script) {
        return browser.evaluate(script);
    }

    @Override
    public void setFocus() {
        if (hasBrowser()) {
            browser.setFocus();
        }
    }

    @Override
    public void dispose() {
        if (browser != null) {
            getSite().getPage().removePartListener(partListener);
        }
        if (document != null) {
            document.removeDocumentListener(documentListener);
        }
        super.dispose();
    }
}
