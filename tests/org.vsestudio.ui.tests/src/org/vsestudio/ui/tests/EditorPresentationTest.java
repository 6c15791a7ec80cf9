package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.editor.FormatHandler;
import org.vsestudio.ui.editor.VseDocumentSession;
import org.vsestudio.ui.editor.VseQuickAssistProcessor;
import org.vsestudio.ui.editor.VseServices;

/**
 * What the {@code .vse} editor shows of the model of its text: semantic colours (declared
 * names, references that resolve, package names), folding of the grammar's blocks, and that
 * the user's commands do not wait for a running check.
 */
class EditorPresentationTest {

	private static final String PREFIX = "org.vsestudio.ui.editor.";

	private final List<IEditorPart> opened = new ArrayList<>();

	@AfterEach
	void close() {
		for (IEditorPart editor : opened) {
			if (editor instanceof ITextEditor text) {
				text.doRevertToSaved();
			}
			ExampleEditors.page().closeEditor(editor, false);
		}
	}

	@Test
	void namesReferencesAndPackagesHaveTheirOwnColours() throws Exception {
		ITextEditor editor = ExampleEditors.open("climate.vse");
		opened.add(editor);
		ISourceViewer viewer = (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
		IDocument document = viewer.getDocument();
		String text = document.get();
		StyledText widget = viewer.getTextWidget();
		Color declaration = color("declaration");
		Color reference = color("reference");
		Color pkg = color("package");
		assertNotEquals(declaration.getRGB(), reference.getRGB());
		assertNotEquals(declaration.getRGB(), pkg.getRGB());
		assertNotEquals(reference.getRGB(), pkg.getRGB());

		int mpiDeclared = text.indexOf("packageset mpi") + "packageset ".length();
		Workbenches.waitFor(() -> declaration.equals(foreground(widget, mpiDeclared)), 30_000);
		// declarations: bold, in their colour
		for (String declared : List.of("packageset mpi", "packageset python", "environment climate.model",
				"profile climate.large", "machines climate.cluster", "group head", "group compute")) {
			int at = text.indexOf(declared) + declared.indexOf(' ') + 1;
			StyleRange style = widget.getStyleRangeAtOffset(at);
			assertNotNull(style, declared);
			assertEquals(declaration, style.foreground, declared);
			assertEquals(SWT.BOLD, style.fontStyle & SWT.BOLD, declared + " is bold");
		}
		// references that resolve, in this file and in another: in the colour of references, not bold
		for (String referred : List.of("+= mpi", "+ python", "requires mpi", "extends ornl.base", "extends ornl.standard",
				"runs climate.model", "profile climate.large\n", "profile ornl.standard", "compute uses head",
				"deploy head", "sandbox compute")) {
			int at = text.indexOf(referred) + (referred.startsWith("compute uses") ? 0 : referred.indexOf(' ') + 1);
			StyleRange style = widget.getStyleRangeAtOffset(at);
			assertNotNull(style, referred);
			assertEquals(reference, style.foreground, referred);
			assertEquals(0, style.fontStyle & SWT.BOLD, referred + " is not bold");
		}
		int head = text.indexOf("compute uses head") + "compute uses ".length();
		assertEquals(reference, foreground(widget, head), "the group a 'uses' names");
		// package names, in package sets and in an inline set
		for (String name : List.of("openmpi-bin", "libopenmpi-dev", "mpich", "python3-scipy", "gfortran", "htop")) {
			assertEquals(pkg, foreground(widget, text.indexOf(name)), name);
		}
		// the lexer's colours stay: keywords, versions
		StyleRange keyword = widget.getStyleRangeAtOffset(text.indexOf("packageset"));
		assertEquals(JFaceResources.getColorRegistry().get(PREFIX + "keyword"), keyword.foreground);
		assertEquals(JFaceResources.getColorRegistry().get(PREFIX + "version"),
				foreground(widget, text.indexOf("3.2.2-2")));
		viewer.getTextWidget().setTopIndex(document.getLineOfOffset(text.indexOf("packageset devtools")));
		Workbenches.screenshot(ExampleEditors.page().getWorkbenchWindow().getShell(), "editor-semantic.png");
		viewer.getTextWidget().setTopIndex(0);

		// a reference that does not resolve is not coloured as one, and is again once fixed
		int large = text.indexOf("profile climate.large\n") + "profile ".length();
		document.replace(large + "climate.larg".length(), 1, "x");
		Workbenches.waitFor(() -> foreground(widget, large) == null || !reference.equals(foreground(widget, large)), 10_000);
		assertNotEquals(reference, foreground(widget, large), "climate.largx does not resolve");
		assertNotEquals(declaration, foreground(widget, large));
		assertEquals(declaration, foreground(widget, mpiDeclared), "the rest keeps its colours");
		assertEquals(reference, foreground(widget, text.indexOf("runs climate.model") + "runs ".length()));
		document.replace(large + "climate.larg".length(), 1, "e");
		Workbenches.waitFor(() -> reference.equals(foreground(widget, large)), 10_000);

		// renaming a declaration: its references no longer resolve
		document.replace(mpiDeclared, "mpi".length(), "mpj");
		int use = text.indexOf("+= mpi") + "+= ".length();
		Workbenches.waitFor(() -> !reference.equals(foreground(widget, use)), 10_000);
		assertEquals(declaration, foreground(widget, mpiDeclared), "mpj is declared");
		document.replace(mpiDeclared, "mpj".length(), "mpi");
		Workbenches.waitFor(() -> reference.equals(foreground(widget, use)), 10_000);

		// on a dark background: the dark variants
		Color light = widget.getBackground();
		widget.setBackground(new Color(30, 31, 34));
		try {
			viewer.invalidateTextPresentation();
			assertEquals(color("declaration.dark"), foreground(widget, mpiDeclared));
			assertEquals(color("reference.dark"), foreground(widget, use));
			assertEquals(color("package.dark"), foreground(widget, text.indexOf("openmpi-bin")));
		} finally {
			widget.setBackground(light);
			viewer.invalidateTextPresentation();
		}
		assertEquals(declaration, foreground(widget, mpiDeclared));
	}

	@Test
	void blocksAndCommentsFoldByTheGrammar() throws Exception {
		ITextEditor editor = ExampleEditors.open("climate.vse");
		opened.add(editor);
		ProjectionViewer viewer = (ProjectionViewer) editor.getAdapter(ITextOperationTarget.class);
		IDocument document = viewer.getDocument();
		String text = document.get();
		assertTrue(viewer.isProjectionMode(), "folding is on");
		ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
		Set<String> expected = new TreeSet<>(List.of(block(document, "packageset mpi {"), block(document, "packageset python {"),
				block(document, "packageset devtools"), block(document, "environment climate.model"),
				block(document, "    files {"), block(document, "machines climate.cluster")));
		Workbenches.waitFor(() -> expected.equals(folds(viewer)), 30_000);
		// every block from its first line to the line of its closing brace; nothing else (the
		// one-line profile, the indented lines of a block on their own)
		assertEquals(expected, folds(viewer));
		model.collapse(annotationAt(viewer, text.indexOf("packageset python")));
		model.collapse(annotationAt(viewer, text.indexOf("    files {")));
		viewer.getTextWidget().setTopIndex(0);
		Workbenches.screenshot(ExampleEditors.page().getWorkbenchWindow().getShell(), "editor-folding.png");
		model.expandAll(0, document.getLength());

		// a multi-line comment folds; braces in it and in strings are not blocks
		document.replace(text.indexOf("packageset mpi"), 0, "/* tools\n   { not a block\n*/\n");
		document.replace(document.get().indexOf("run \"make"), 0, "run \"echo {\n   x\"\n    ");
		int comment = document.getLineOfOffset(document.get().indexOf("/* tools"));
		String environment = document.getLineOfOffset(document.get().indexOf("environment climate.model")) + "-"
				+ (document.getLineOfOffset(document.get().indexOf("user scientist uid 1000")) + 1);
		Set<String> changed = new TreeSet<>(List.of(comment + "-" + (comment + 2), block(document, "packageset mpi {"),
				block(document, "packageset python {"), block(document, "packageset devtools"), environment,
				block(document, "    files {"), block(document, "machines climate.cluster")));
		Workbenches.waitFor(() -> changed.equals(folds(viewer)), 10_000);

		// a folded block stays folded while the text changes elsewhere
		ProjectionAnnotation machines = annotationAt(viewer, document.get().indexOf("machines climate.cluster"));
		assertNotNull(machines);
		int lines = viewer.getTextWidget().getLineCount();
		model.collapse(machines);
		assertTrue(machines.isCollapsed());
		assertEquals(lines - 7, viewer.getTextWidget().getLineCount(), "the 8 lines of the machine set show as one");
		document.replace(document.get().indexOf("gfortran"), 0, "g");
		Workbenches.waitFor(() -> document.get().contains("ggfortran") && folds(viewer).size() == changed.size(), 10_000);
		Workbenches.settle(300);
		assertTrue(annotationAt(viewer, document.get().indexOf("machines climate.cluster")).isCollapsed());
		model.expandAll(0, document.getLength());
	}

	@Test
	void formatAndQuickFixesDoNotWaitForARunningCheck() throws Exception {
		ITextEditor editor = ExampleEditors.open("climate.vse");
		opened.add(editor);
		ISourceViewer viewer = (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
		IDocument document = viewer.getDocument();
		VseDocumentSession session = VseServices.session(document);
		Workbenches.waitFor(() -> session.validated().text().equals(document.get()), 30_000);

		// Format while a slow check runs
		String original = document.get();
		document.replace(original.indexOf("packageset mpi {"), "packageset mpi {".length(), "packageset  mpi   {");
		Workbenches.settle(300);
		SlowCheck slow = SlowCheck.start(session, document.get());
		long started = System.nanoTime();
		FormatHandler.format(document);
		long formatMillis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(original, document.get(), "formatted");
		assertNull(slow.result(), "the running check gave way to Format");
		System.out.println("[EditorPresentationTest] Format during a check: " + formatMillis + " ms (of which up to 100 ms"
				+ " the slow check's step in progress); the check asked " + slow.asked.get() + " times whether to stop");

		// a quick fix while a slow check runs
		String motd = "delete \"/etc/motd\"";
		int slash = document.get().indexOf(motd) + "delete \"".length();
		document.replace(slash, 1, "");
		int line = document.getLineOfOffset(slash);
		Workbenches.waitFor(() -> session.validated().text().equals(document.get()), 10_000);
		SlowCheck another = SlowCheck.start(session, document.get() + " ");
		started = System.nanoTime();
		ICompletionProposal[] fixes = new VseQuickAssistProcessor().computeQuickAssistProposals(new TextInvocationContext(viewer, slash + 2, 0));
		long fixMillis = (System.nanoTime() - started) / 1_000_000;
		assertTrue(fixes.length > 0, "line " + line + " has a quick fix");
		assertNull(another.result(), "the running check gave way to the quick fixes");
		System.out.println("[EditorPresentationTest] quick fixes during a check: " + fixMillis + " ms");
		fixes[0].apply(document);
		assertEquals(original, document.get());
	}

	/**
	 * A check in another thread that asks often whether to stop, slowly once it validates: it
	 * would take seconds. It asks three times before validating (before it takes the resource,
	 * once it has it, once parsed); from the fourth time on it is validating, holding the
	 * resource.
	 */
	private static final class SlowCheck {
		final AtomicInteger asked = new AtomicInteger();
		final AtomicReference<VseDocumentSession.Validated> result = new AtomicReference<>();
		final CountDownLatch running = new CountDownLatch(1);
		final CountDownLatch done = new CountDownLatch(1);
		final AtomicReference<Throwable> failure = new AtomicReference<>();

		static SlowCheck start(VseDocumentSession session, String text) throws InterruptedException {
			SlowCheck check = new SlowCheck();
			Thread thread = new Thread(() -> {
				try {
					check.result.set(session.check(text, () -> {
						if (check.asked.incrementAndGet() < 4) {
							return false;
						}
						check.running.countDown();
						try {
							Thread.sleep(100);
						} catch (InterruptedException e) {
							Thread.currentThread().interrupt();
						}
						return false;
					}));
				} catch (Throwable e) {
					check.failure.set(e);
				} finally {
					check.done.countDown();
				}
			}, "slow check");
			thread.start();
			assertTrue(check.running.await(30, TimeUnit.SECONDS), "the check runs");
			return check;
		}

		VseDocumentSession.Validated result() throws InterruptedException {
			assertTrue(done.await(60, TimeUnit.SECONDS));
			assertNull(failure.get(), "a check that gives way ends without an exception");
			return result.get();
		}
	}

	private static Color color(String key) {
		Color color = JFaceResources.getColorRegistry().get(PREFIX + key);
		assertNotNull(color, key + " is a colour of the theme");
		return color;
	}

	private static Color foreground(StyledText widget, int offset) {
		StyleRange style = widget.getStyleRangeAtOffset(offset);
		return style == null ? null : style.foreground;
	}

	/** @return "first-last" (0-based lines) of the block that starts on the line of {@code start} */
	private static String block(IDocument document, String start) throws BadLocationException {
		String text = document.get();
		int at = text.indexOf(start);
		assertFalse(at < 0, start);
		int depth = 0;
		for (int i = text.indexOf('{', at); i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{') {
				depth++;
			} else if (c == '}' && --depth == 0) {
				return document.getLineOfOffset(at) + "-" + document.getLineOfOffset(i);
			}
		}
		throw new AssertionError("no closing brace after " + start);
	}

	/** @return the folds of the viewer as "first-last" lines */
	private static Set<String> folds(ProjectionViewer viewer) {
		Set<String> result = new TreeSet<>();
		ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
		IDocument document = viewer.getDocument();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			Position p = model.getPosition(annotation);
			if (annotation instanceof ProjectionAnnotation && p != null && !p.isDeleted()) {
				try {
					int last = p.getOffset() + p.getLength();
					int lastLine = document.getLineOfOffset(Math.max(p.getOffset(), last - 1));
					result.add(document.getLineOfOffset(p.getOffset()) + "-" + lastLine);
				} catch (BadLocationException e) {
					result.add("bad " + p);
				}
			}
		}
		return result;
	}

	private static ProjectionAnnotation annotationAt(ProjectionViewer viewer, int offset) throws BadLocationException {
		ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
		int line = viewer.getDocument().getLineOfOffset(offset);
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			Position p = model.getPosition(annotation);
			if (annotation instanceof ProjectionAnnotation projection && p != null
					&& viewer.getDocument().getLineOfOffset(p.getOffset()) == line) {
				return projection;
			}
		}
		return null;
	}
}
