package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.eclipse.core.runtime.jobs.Job;
import org.vsestudio.ui.project.IndexLoading;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.project.VsePreferences;
import org.vsestudio.ui.ExampleProjectInstaller;
import org.vsestudio.ui.editor.VseContentAssistProcessor;
import org.vsestudio.ui.editor.VseHyperlinkDetector;
import org.vsestudio.ui.editor.VseQuickAssistProcessor;
import org.vsestudio.ui.editor.VseReconciler;
import org.vsestudio.ui.editor.VseTextHover;

/**
 * The {@code .vse} editor as a user meets it on the example project: highlighting, content
 * assist of package names, problems as you type and their quick fixes.
 */
class EditorTest {

	private final List<Long> timings = new ArrayList<>();
	private final Consumer<Long> timing = timings::add;
	private final List<IEditorPart> opened = new ArrayList<>();

	@AfterEach
	void revert() {
		VseReconciler.TIMINGS.remove(timing);
		IWorkbenchPage page = page();
		for (IEditorPart editor : opened) {
			if (editor instanceof ITextEditor text) {
				text.doRevertToSaved();
			}
			page.closeEditor(editor, false);
		}
	}

	@Test
	void theExampleOpensHighlightedWithAssistProblemsAndQuickFixes() throws Exception {
		VseReconciler.TIMINGS.add(timing);
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
		Workbenches.waitFor(() -> project.exists() && project.getFile("climate.vse").exists(), 60_000);
		IFile file = project.getFile("climate.vse");
		ITextEditor editor = (ITextEditor) IDE.openEditor(page(), file);
		opened.add(editor);
		ISourceViewer viewer = (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
		IDocument document = viewer.getDocument();
		String original = document.get();

		// highlighting from the language's lexer
		StyledText widget = viewer.getTextWidget();
		Workbenches.waitFor(() -> widget.getStyleRanges().length > 20, 10_000);
		StyleRange keyword = widget.getStyleRangeAtOffset(original.indexOf("packageset"));
		assertNotNull(keyword, "'packageset' is highlighted");
		assertEquals(SWT.BOLD, keyword.fontStyle & SWT.BOLD, "keywords are bold");
		StyleRange comment = widget.getStyleRangeAtOffset(original.indexOf("// A climate"));
		assertNotNull(comment, "comments are highlighted");
		assertFalse(comment.foreground.equals(keyword.foreground), "comments and keywords differ");
		StyleRange string = widget.getStyleRangeAtOffset(original.indexOf("\"model/\""));
		assertNotNull(string, "strings are highlighted");

		// on a dark background the editor takes the dark variants of its colours
		Color light = widget.getBackground();
		Color dark = new Color(30, 31, 34);
		widget.setBackground(dark);
		viewer.invalidateTextPresentation();
		Workbenches.settle(200);
		assertEquals(JFaceResources.getColorRegistry().get("org.vsestudio.ui.editor.keyword.dark"),
				widget.getStyleRangeAtOffset(original.indexOf("packageset")).foreground);
		widget.setForeground(new Color(220, 220, 220));
		Workbenches.screenshot(shell(), "editor-dark-background.png");
		widget.setForeground(null);
		widget.setBackground(light);
		viewer.invalidateTextPresentation();
		assertEquals(keyword.foreground, widget.getStyleRangeAtOffset(original.indexOf("packageset")).foreground);

		// the package index is loaded by its own job, which the editor does not wait for; then the editor checks again
		Workbenches.waitFor(() -> !timings.isEmpty(), 60_000);
		Workbenches.waitFor(() -> Job.getJobManager().find(IndexLoading.FAMILY).length == 0, 120_000);

		// hover on a package: its description and versions from the index; on a reference
		String hover = new VseTextHover().getHoverInfo(viewer, new Region(original.indexOf("openmpi-bin") + 3, 0));
		System.out.println("[EditorTest] hover on openmpi-bin: " + hover);
		assertNotNull(hover);
		assertTrue(hover.startsWith("openmpi-bin") && hover.contains("Versions in "), hover);
		String referenceHover = new VseTextHover().getHoverInfo(viewer, new Region(original.indexOf("mpi + python") + 1, 0));
		System.out.println("[EditorTest] hover on the reference mpi: " + referenceHover);
		assertNotNull(referenceHover);
		assertTrue(referenceHover.startsWith("package set mpi") && referenceHover.contains("climate.vse, line 6"), referenceHover);

		// go to definition: in the file, and in another file of the project
		IHyperlink[] local = new VseHyperlinkDetector().detectHyperlinks(viewer, new Region(original.indexOf("mpi + python"), 0), false);
		assertNotNull(local, "a reference links to its declaration");
		local[0].open();
		assertEquals(original.indexOf("mpi {"), ((ITextSelection) editor.getSelectionProvider().getSelection()).getOffset());
		IHyperlink[] other = new VseHyperlinkDetector().detectHyperlinks(viewer, new Region(original.indexOf("ornl.base") + 5, 0), false);
		assertNotNull(other, "a reference to another file links to its declaration");
		other[0].open();
		IEditorPart ornl = page().getActiveEditor();
		opened.add(ornl);
		assertEquals("ornl.vse", ornl.getEditorInput().getName());
		page().activate(editor);

		// the first check of the saved text: no errors
		Workbenches.waitFor(() -> !timings.isEmpty(), 60_000);
		System.out.println("[EditorTest] first check of climate.vse (index loading included): " + timings.get(0) + " ms");
		assertEquals(List.of(), messages(viewer, VseReconciler.ERROR), "a valid file has no error annotations");
		Workbenches.screenshot(shell(), "editor-climate.png");

		// content assist of a partial package name
		String anchor = "packages += { htop";
		int at = original.indexOf(anchor) + "packages += { ".length();
		document.replace(at, 0, "openmpi- ");
		int caret = at + "openmpi-".length();
		viewer.setSelectedRange(caret, 0);
		viewer.revealRange(caret, 0);
		long started = System.nanoTime();
		ICompletionProposal[] proposals = new VseContentAssistProcessor().computeCompletionProposals(viewer, caret);
		long assistMillis = (System.nanoTime() - started) / 1_000_000;
		System.out.println("[EditorTest] content assist of 'openmpi-' (the first): " + proposals.length + " proposals in "
				+ assistMillis + " ms");
		// as a user asks for it: a letter typed, then Ctrl+Space, the check of that text due or running
		List<Long> assists = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			document.replace(at, 0, "x ");
			document.replace(at, 2, "");
			Workbenches.settle(i * 7);
			long asked = System.nanoTime();
			ICompletionProposal[] again = new VseContentAssistProcessor().computeCompletionProposals(viewer, caret);
			assists.add((System.nanoTime() - asked) / 1_000_000);
			assertEquals(proposals.length, again.length);
			Workbenches.settle(100);
		}
		System.out.println("[EditorTest] content assist of 'openmpi-', seven times: " + assists + " ms, " + summary(assists));
		ICompletionProposal bin = Arrays.stream(proposals).filter(p -> p.getDisplayString().startsWith("openmpi-bin"))
				.findFirst().orElseThrow(() -> new AssertionError(Arrays.stream(proposals).map(ICompletionProposal::getDisplayString).toList().toString()));
		assertNotNull(bin.getAdditionalProposalInfo(), "a package proposal has a description");
		System.out.println("[EditorTest] " + bin.getDisplayString() + ": " + bin.getAdditionalProposalInfo());
		((ITextOperationTarget) viewer).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		Workbenches.settle(1_500);
		Workbenches.screenshot(shell(), "editor-content-assist.png");
		bin.apply(document);
		assertTrue(document.get().contains("packages += { openmpi-bin htop"), document.get());
		document.set(original);

		// an error as you type, at its line, and gone when fixed
		String reference = "profile climate.large\n";
		int ref = original.indexOf(reference) + "profile climate.larg".length();
		int line = document.getLineOfOffset(ref);
		Workbenches.settle(300); // the whole text was just replaced: a user types after a pause
		timings.clear();
		document.replace(ref, 1, "x");
		long typed = System.nanoTime();
		Workbenches.waitFor(() -> hasAnnotationAtLine(viewer, VseReconciler.ERROR, line), 10_000);
		long errorMillis = (System.nanoTime() - typed) / 1_000_000;
		System.out.println("[EditorTest] keystroke -> error annotation on climate.vse (" + document.getNumberOfLines()
				+ " lines): " + errorMillis + " ms (reconciler: " + timings + ")");
		viewer.revealRange(ref, 0);
		widget.setHorizontalPixel(0);
		Workbenches.screenshot(shell(), "editor-error.png");
		document.replace(ref, 1, "e");
		Workbenches.waitFor(() -> !hasAnnotationAtLine(viewer, VseReconciler.ERROR, line), 10_000);

		// a quick fix: a file target that is not absolute
		String motd = "delete \"/etc/motd\"";
		int slash = document.get().indexOf(motd) + "delete \"".length();
		document.replace(slash, 1, "");
		int motdLine = document.getLineOfOffset(slash);
		Workbenches.waitFor(() -> hasAnnotationAtLine(viewer, VseReconciler.ERROR, motdLine)
				|| hasAnnotationAtLine(viewer, VseReconciler.WARNING, motdLine), 10_000);
		IQuickAssistInvocationContext context = new TextInvocationContext(viewer, slash + 2, 0);
		ICompletionProposal[] fixes = new VseQuickAssistProcessor().computeQuickAssistProposals(context);
		System.out.println("[EditorTest] quick fixes: " + Arrays.stream(fixes).map(ICompletionProposal::getDisplayString).toList());
		assertTrue(fixes.length > 0, "the diagnostic has a quick fix");
		fixes[0].apply(document);
		assertEquals(original, document.get(), "the quick fix makes the target absolute again");
		Workbenches.waitFor(() -> !hasAnnotationAtLine(viewer, VseReconciler.ERROR, motdLine)
				&& !hasAnnotationAtLine(viewer, VseReconciler.WARNING, motdLine), 10_000);

		// Ctrl+/ comments out the selected lines and back; Ctrl+Shift+F formats
		IHandlerService handlers = editor.getSite().getService(IHandlerService.class);
		int mpi = document.get().indexOf("packageset mpi");
		viewer.setSelectedRange(mpi, document.get().indexOf("}", mpi) - mpi);
		handlers.executeCommand("org.vsestudio.ui.editor.toggleComment", null);
		assertTrue(document.get().contains("// packageset mpi {\n//     openmpi-bin >= 4.1"), document.get());
		Workbenches.screenshot(shell(), "editor-commented.png");
		handlers.executeCommand("org.vsestudio.ui.editor.toggleComment", null);
		assertEquals(original, document.get(), "Ctrl+/ again uncomments the lines it commented");
		document.replace(original.indexOf("packageset mpi {"), "packageset mpi {".length(), "packageset  mpi   {");
		assertFalse(document.get().equals(original));
		handlers.executeCommand("org.vsestudio.ui.editor.format", null);
		assertEquals(original, document.get(), "the formatter restores the example's layout");
		// the VSE preferences choose the indentation
		VsePreferences.instance().putInt(VsePreferences.INDENTATION, 2);
		try {
			handlers.executeCommand("org.vsestudio.ui.editor.format", null);
			assertTrue(document.get().contains("packageset mpi {\n  openmpi-bin >= 4.1\n"), document.get());
		} finally {
			VsePreferences.instance().remove(VsePreferences.INDENTATION);
		}
		handlers.executeCommand("org.vsestudio.ui.editor.format", null);
		assertEquals(original, document.get(), "the default indentation is 4 spaces");
		viewer.revealRange(0, 0);
		Workbenches.screenshot(shell(), "editor-formatted.png");

		editor.doRevertToSaved();
		assertFalse(editor.isDirty());
	}

	@Test
	void problemsAppearQuicklyInALongFile() throws Exception {
		VseReconciler.TIMINGS.add(timing);
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(ExampleProjectInstaller.PROJECT_NAME);
		Workbenches.waitFor(() -> project.exists() && project.getFile("climate.vse").exists(), 60_000);
		StringBuilder text = new StringBuilder("// 300 lines, for timing the checks as you type\nimport ornl.*\n\n");
		int sets = 0;
		while (text.chars().filter(c -> c == '\n').count() < 290) {
			text.append("packageset tools").append(sets++).append(" {\n    build-essential\n    gfortran\n    htop\n    python3-numpy\n}\n\n");
		}
		text.append("environment long.model extends ornl.base {\n    packages += tools0 + tools1\n}\n");
		IFile file = project.getFile("long-timing.vse");
		file.create(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), true, new NullProgressMonitor());
		try {
			ITextEditor editor = (ITextEditor) IDE.openEditor(page(), file);
			opened.add(editor);
			ISourceViewer viewer = (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
			IDocument document = viewer.getDocument();
			Workbenches.waitFor(() -> !timings.isEmpty(), 60_000);
			assertEquals(List.of(), messages(viewer, VseReconciler.ERROR));
			String use = "packages += tools0 + tools1";
			int at = document.get().indexOf(use) + use.length() - 1;
			int line = document.getLineOfOffset(at);
			List<Long> keystrokes = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				document.replace(at, 1, "x");
				long typed = System.nanoTime();
				Workbenches.waitFor(() -> hasAnnotationAtLine(viewer, VseReconciler.ERROR, line), 10_000);
				keystrokes.add((System.nanoTime() - typed) / 1_000_000);
				document.replace(at, 1, "1");
				Workbenches.waitFor(() -> !hasAnnotationAtLine(viewer, VseReconciler.ERROR, line), 10_000);
				Workbenches.settle(50);
			}
			System.out.println("[EditorTest] keystroke -> error annotation on a " + document.getNumberOfLines()
					+ "-line file, ten times: " + keystrokes + " ms, " + summary(keystrokes));
			editor.doRevertToSaved();
		} finally {
			for (IEditorPart editor : opened) {
				page().closeEditor(editor, false);
			}
			opened.clear();
			file.delete(true, new NullProgressMonitor());
		}
	}

	/** @return "median M ms, max X ms" of {@code millis} */
	static String summary(List<Long> millis) {
		List<Long> sorted = millis.stream().sorted().toList();
		long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
				: (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
		return "median " + median + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
	}

	private static boolean hasAnnotationAtLine(ISourceViewer viewer, String type, int line) {
		IAnnotationModel model = viewer.getAnnotationModel();
		IDocument document = viewer.getDocument();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			Position position = model.getPosition(annotation);
			try {
				if (type.equals(annotation.getType()) && position != null && document.getLineOfOffset(position.getOffset()) == line) {
					return true;
				}
			} catch (BadLocationException e) {
				// not on any line
			}
		}
		return false;
	}

	private static List<String> messages(ISourceViewer viewer, String type) {
		List<String> result = new ArrayList<>();
		IAnnotationModel model = viewer.getAnnotationModel();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation annotation = it.next();
			if (type.equals(annotation.getType())) {
				result.add(annotation.getText());
			}
		}
		return result;
	}

	private static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	private static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}
}
