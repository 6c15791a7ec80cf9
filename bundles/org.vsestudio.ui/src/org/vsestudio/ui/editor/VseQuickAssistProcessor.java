package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * Quick fixes (Ctrl+1) of the diagnostics on the caret's line: the language's code actions
 * ({@code VseQuickfixProvider}), their text edits applied to the document.
 */
public class VseQuickAssistProcessor implements IQuickAssistProcessor {

	@Override
	public String getErrorMessage() {
		return null;
	}

	@Override
	public boolean canFix(Annotation annotation) {
		return !annotation.isMarkedDeleted() && (VseReconciler.ERROR.equals(annotation.getType())
				|| VseReconciler.WARNING.equals(annotation.getType()) || VseReconciler.INFO.equals(annotation.getType()));
	}

	@Override
	public boolean canAssist(IQuickAssistInvocationContext context) {
		return false;
	}

	@Override
	public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
		IDocument document = context.getSourceViewer().getDocument();
		int offset = context.getOffset();
		VseDocumentSession session = VseServices.session(document);
		VseDocumentSession.Validated validated = session.validated();
		String text = document.get();
		if (!validated.text().equals(text)) {
			validated = session.validate(text, CancelIndicator.NullImpl);
		}
		int line;
		try {
			line = document.getLineOfOffset(offset) + 1;
		} catch (BadLocationException e) {
			return new ICompletionProposal[0];
		}
		Document lspDocument = new Document(1, text);
		List<ICompletionProposal> proposals = new ArrayList<>();
		List<Issue> issues = validated.issues().stream()
				.filter(i -> i.getOffset() != null && i.getCode() != null)
				.filter(i -> (i.getOffset() <= offset && offset <= i.getOffset() + i.getLength())
						|| (i.getLineNumber() != null && i.getLineNumber() == line))
				.sorted(Comparator.comparingInt(i -> Math.abs(i.getOffset() - offset)))
				.toList();
		for (Issue issue : issues) {
			Diagnostic diagnostic = diagnostic(issue, lspDocument);
			List<Either<Command, CodeAction>> actions = session.withResource(text, resource -> {
				ICodeActionService2 service = resource.getResourceServiceProvider().get(ICodeActionService2.class);
				if (service == null) {
					return List.of();
				}
				ICodeActionService2.Options options = new ICodeActionService2.Options();
				options.setDocument(lspDocument);
				options.setResource(resource);
				options.setLanguageServerAccess(new InProcessServerAccess(resource, lspDocument));
				options.setURI(session.uri().toString());
				options.setCancelIndicator(CancelIndicator.NullImpl);
				options.setCodeActionParams(new CodeActionParams(new TextDocumentIdentifier(session.uri().toString()),
						diagnostic.getRange(), new CodeActionContext(List.of(diagnostic))));
				return service.getCodeActions(options);
			});
			for (Either<Command, CodeAction> action : actions) {
				if (action.isRight() && action.getRight().getEdit() != null) {
					proposals.add(new Fix(action.getRight(), lspDocument));
				}
			}
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	static Diagnostic diagnostic(Issue issue, Document document) {
		int start = issue.getOffset();
		int end = start + (issue.getLength() == null ? 0 : issue.getLength());
		Range range = new Range(document.getPosition(start), document.getPosition(Math.min(end, document.getContents().length())));
		Diagnostic diagnostic = new Diagnostic(range, issue.getMessage());
		diagnostic.setCode(issue.getCode());
		diagnostic.setSeverity(switch (issue.getSeverity()) {
		case ERROR -> DiagnosticSeverity.Error;
		case WARNING -> DiagnosticSeverity.Warning;
		default -> DiagnosticSeverity.Information;
		});
		diagnostic.setData(issue.getData());
		return diagnostic;
	}

	/** A code action as a completion proposal: applying it applies its edits to the document. */
	static final class Fix implements ICompletionProposal {
		private final CodeAction action;
		private final Document lspDocument;
		Fix(CodeAction action, Document lspDocument) {
			this.action = action;
			this.lspDocument = lspDocument;
		}

		@Override
		public void apply(IDocument document) {
			List<TextEdit> edits = new ArrayList<>();
			if (action.getEdit().getChanges() != null) {
				action.getEdit().getChanges().values().forEach(edits::addAll);
			}
			if (action.getEdit().getDocumentChanges() != null) {
				action.getEdit().getDocumentChanges().forEach(change -> {
					if (change.isLeft()) {
						edits.addAll(change.getLeft().getEdits().stream().filter(Either::isLeft).map(Either::getLeft).toList());
					}
				});
			}
			try {
				FormatHandler.apply(document, lspDocument, edits);
			} catch (BadLocationException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public Point getSelection(IDocument document) {
			return null;
		}

		@Override
		public String getAdditionalProposalInfo() {
			return null;
		}

		@Override
		public String getDisplayString() {
			return action.getTitle();
		}

		@Override
		public Image getImage() {
			return PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJ_ADD);
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}
	}
}
