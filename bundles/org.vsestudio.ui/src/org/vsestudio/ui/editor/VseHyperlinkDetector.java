package org.vsestudio.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Path;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

/**
 * Go to definition (Ctrl+click, F3): a reference to an environment, package set, profile or
 * machine set links to its declaration, in this file or another of the project.
 */
public class VseHyperlinkDetector extends AbstractHyperlinkDetector {

	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		IFile file = VseServices.fileOf(viewer.getDocument());
		if (file == null || !"vse".equals(file.getFileExtension())) {
			return null; // the Generic Editor asks for every kind of file
		}
		String text = viewer.getDocument().get();
		VseDocumentSession session = VseServices.session(viewer.getDocument());
		return session.withResource(text, resource -> {
			EObjectAtOffsetHelper helper = session.injector().getInstance(EObjectAtOffsetHelper.class);
			INode reference = helper.getCrossReferenceNode(resource, new TextRegion(region.getOffset(), 0));
			EObject target = reference == null ? null : helper.getCrossReferencedElement(reference);
			if (target == null || target.eIsProxy() || target.eResource() == null) {
				return null;
			}
			ITextRegion name = session.injector().getInstance(ILocationInFileProvider.class).getSignificantTextRegion(target);
			String location = target.eResource().getURI().isFile() ? target.eResource().getURI().toFileString() : null;
			String label = "Open the declaration of " + NodeModelUtils.getTokenText(reference);
			return new IHyperlink[] { new Link(new Region(reference.getOffset(), reference.getLength()), label, location,
					target.eResource() == resource, name) };
		});
	}

	/** A link to a declaration: in the same editor, or in the editor of its file. */
	private static final class Link implements IHyperlink {
		private final IRegion region;
		private final String label;
		private final String file;
		private final boolean here;
		private final ITextRegion target;

		Link(IRegion region, String label, String file, boolean here, ITextRegion target) {
			this.region = region;
			this.label = label;
			this.file = file;
			this.here = here;
			this.target = target;
		}

		@Override
		public IRegion getHyperlinkRegion() {
			return region;
		}

		@Override
		public String getTypeLabel() {
			return null;
		}

		@Override
		public String getHyperlinkText() {
			return label;
		}

		@Override
		public void open() {
			var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
			try {
				IEditorPart editor;
				if (here || file == null) {
					editor = page.getActiveEditor();
				} else {
					IFile workspaceFile = ResourcesPlugin.getWorkspace().getRoot().getFileForLocation(new Path(file));
					if (workspaceFile == null) {
						return;
					}
					editor = IDE.openEditor(page, workspaceFile);
				}
				if (editor instanceof ITextEditor text && target != null) {
					text.selectAndReveal(target.getOffset(), target.getLength());
				}
			} catch (PartInitException e) {
				// the file cannot be opened: the link does nothing
			}
		}
	}
}
