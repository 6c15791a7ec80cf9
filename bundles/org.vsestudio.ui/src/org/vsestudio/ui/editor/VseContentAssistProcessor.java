package org.vsestudio.ui.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Injector;

/**
 * Content assist through the language's {@link ContentAssistService} (the language server's):
 * keywords, cross-references across files, package names with their descriptions and
 * versions from the repository index.
 */
public class VseContentAssistProcessor implements IContentAssistProcessor {

	private String error;

	private static final AtomicBoolean WARM = new AtomicBoolean();

	/**
	 * The first content assist of a workbench paid 70–300 ms for creating the services
	 * (Guice) and for loading and compiling the content assist parser. Once, in a thread of
	 * its own at low priority, this asks for a completion of a small text in a resource set
	 * of its own, so that the user's first Ctrl+Space does not.
	 */
	static void warmUp(Injector injector) {
		if (!WARM.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(() -> {
			String text = "packageset warm.up {\n    openmpi-\n}\n";
			try {
				XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
				XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/warm-up.vse"));
				resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
				Document document = new Document(1, text);
				CompletionParams params = new CompletionParams(new TextDocumentIdentifier(resource.getURI().toString()),
						document.getPosition(text.indexOf("openmpi-") + "openmpi-".length()));
				injector.getInstance(ContentAssistService.class).createCompletionList(document, resource, params,
						CancelIndicator.NullImpl);
			} catch (IOException | RuntimeException e) {
				// only a warm-up
			}
		}, "VSE content assist warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		error = null;
		IDocument document = viewer.getDocument();
		String text = document.get();
		try {
			VseDocumentSession session = VseServices.session(document);
			Document lspDocument = new Document(1, text);
			CompletionList list = session.withResource(text, resource -> {
				ContentAssistService service = session.injector().getInstance(ContentAssistService.class);
				CompletionParams params = new CompletionParams(new TextDocumentIdentifier(session.uri().toString()),
						lspDocument.getPosition(offset));
				return service.createCompletionList(lspDocument, resource, params, CancelIndicator.NullImpl);
			});
			List<ICompletionProposal> proposals = new ArrayList<>();
			for (CompletionItem item : list.getItems()) {
				ICompletionProposal proposal = proposal(item, lspDocument, document, offset);
				if (proposal != null) {
					proposals.add(proposal);
				}
			}
			return proposals.toArray(ICompletionProposal[]::new);
		} catch (RuntimeException e) {
			error = "Content assist failed: " + e;
			return new ICompletionProposal[0];
		}
	}

	private static ICompletionProposal proposal(CompletionItem item, Document lspDocument, IDocument document, int offset) {
		String replacement;
		int start;
		int length;
		if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
			TextEdit textEdit = item.getTextEdit().getLeft();
			start = lspDocument.getOffSet(textEdit.getRange().getStart());
			int end = lspDocument.getOffSet(textEdit.getRange().getEnd());
			replacement = textEdit.getNewText();
			length = Math.max(offset, end) - start;
		} else {
			replacement = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
			start = offset;
			while (start > 0 && isWordChar(charAt(document, start - 1))) {
				start--;
			}
			length = offset - start;
		}
		String display = item.getLabel();
		if (item.getDetail() != null && !item.getDetail().isBlank()) {
			display += " \u2014 " + item.getDetail();
		}
		String info = documentation(item);
		return new CompletionProposal(replacement, start, length, replacement.length(), null, display, null, info);
	}

	private static String documentation(CompletionItem item) {
		if (item.getDocumentation() == null) {
			return item.getDetail();
		}
		return item.getDocumentation().map(s -> s, MarkupContent::getValue);
	}

	private static char charAt(IDocument document, int offset) {
		try {
			return document.getChar(offset);
		} catch (BadLocationException e) {
			return ' ';
		}
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || "_.-+:~^".indexOf(c) >= 0;
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return new char[] { '.' };
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return error;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}
