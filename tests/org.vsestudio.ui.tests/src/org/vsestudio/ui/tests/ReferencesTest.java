package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.search.ui.text.AbstractTextSearchResult;
import org.eclipse.search.ui.text.Match;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.vsestudio.ui.editor.VseReferenceSearch;
import org.vsestudio.ui.editor.VseReferences;
import org.vsestudio.ui.editor.VseServices;

/** "References in Project": the references to a declaration across the project's files. */
class ReferencesTest {

	@Test
	void referencesToOrnlBaseFromClimate() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		try {
			IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			String text = document.get();
			int at = text.indexOf("ornl.base") + 5;
			VseReferences.Found found = VseReferences.find(VseServices.session(document), text, at);
			assertNotNull(found, "ornl.base is referenced at the caret");
			assertEquals("ornl.base", found.name());
			assertTrue(found.declaration().uri().lastSegment().equals("ornl.vse"), found.declaration().toString());
			System.out.println("[ReferencesTest] " + found);
			VseReferences.Occurrence inClimate = found.references().stream()
					.filter(o -> o.uri().lastSegment().equals("climate.vse")).findFirst().orElseThrow();
			assertEquals(23, inClimate.line());
			assertEquals(text.indexOf("ornl.base"), inClimate.offset());
			assertEquals("ornl.base".length(), inClimate.length());

			// from the declaration itself, the same references
			IFile ornl = ExampleEditors.file("site/ornl.vse");
			if (ornl.exists()) {
				ITextEditor ornlEditor = (ITextEditor) IDE.openEditor(page, ornl);
				try {
					IDocument ornlDocument = ornlEditor.getDocumentProvider().getDocument(ornlEditor.getEditorInput());
					VseReferences.Found fromDeclaration = VseReferences.find(VseServices.session(ornlDocument),
							ornlDocument.get(), found.declaration().offset());
					assertNotNull(fromDeclaration);
					assertEquals("ornl.base", fromDeclaration.name());
					assertTrue(fromDeclaration.references().stream().anyMatch(o -> o.uri().lastSegment().equals("climate.vse")
							&& o.line() == 23), fromDeclaration.toString());
				} finally {
					page.closeEditor(ornlEditor, false);
				}
			}

			// the Search view's result: a match in climate.vse at the reference
			VseReferenceSearch query = new VseReferenceSearch(found);
			query.run(new NullProgressMonitor());
			AbstractTextSearchResult result = (AbstractTextSearchResult) query.getSearchResult();
			List<Match> matches = Arrays.asList(result.getMatches(ExampleEditors.file("climate.vse")));
			assertEquals(1, matches.size());
			assertEquals(text.indexOf("ornl.base"), matches.get(0).getOffset());
		} finally {
			page.closeEditor(editor, false);
		}
	}
}
