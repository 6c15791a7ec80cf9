package org.vsestudio.ui.editor;

import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.util.CancelIndicator;

/** Hover on references through the language's {@link HoverService} (the language server's). */
public class VseTextHover implements ITextHover {

	@Override
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		String text = viewer.getDocument().get();
		try {
			VseDocumentSession session = VseServices.session(viewer.getDocument());
			Document lspDocument = new Document(1, text);
			Hover hover = session.withResource(text, resource -> {
				IHoverService service = session.injector().getInstance(IHoverService.class);
				HoverParams params = new HoverParams(new TextDocumentIdentifier(session.uri().toString()),
						lspDocument.getPosition(region.getOffset()));
				return service.hover(lspDocument, resource, params, CancelIndicator.NullImpl);
			});
			if (hover == null || hover.getContents() == null) {
				return null;
			}
			String value = hover.getContents().map(list -> list.stream()
					.map(e -> e.map(s -> s, m -> m.getValue())).reduce((a, b) -> a + "\n" + b).orElse(""),
					m -> m.getValue());
			return value == null || value.isBlank() ? null : plain(value);
		} catch (RuntimeException e) {
			ILog.of(VseTextHover.class).warn("No hover", e);
			return null;
		}
	}

	/** The hover shows plain text: Markdown's emphasis marks and escapes are dropped. */
	static String plain(String markdown) {
		return markdown.replace("**", "").replace("`", "").replaceAll("\\\\([\\\\`*_{}\\[\\]()#+\\-.!])", "$1");
	}

	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		return new Region(offset, 0);
	}
}
