package org.vsestudio.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.ITextRegion;

/**
 * The outline of a {@code .vse} editor: its package sets, environments, profiles and machine
 * sets with their groups, from the model of the document's session. It follows the text
 * (rebuilt in the background a moment after the last change); selecting an item reveals its
 * name in the editor.
 */
public class VseOutlinePage extends ContentOutlinePage {

	/** One declaration of the outline: its label, the region of its name, its children. */
	public record Item(String label, int offset, int length, List<Item> children) {
		@Override
		public String toString() {
			return label;
		}
	}

	private static final int DELAY_MS = 400;

	private final ITextEditor editor;
	private final IDocument document;
	private final IDocumentListener listener = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			schedule();
		}
	};
	private final Runnable refresh = this::refresh;
	private volatile List<Item> items = List.of();

	VseOutlinePage(ITextEditor editor) {
		this.editor = editor;
		this.document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return ((List<?>) input).toArray();
			}

			@Override
			public Object[] getChildren(Object parentElement) {
				return ((Item) parentElement).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((Item) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider());
		viewer.setInput(items);
		if (document != null) {
			document.addDocumentListener(listener);
		}
		refresh();
	}

	@Override
	public void selectionChanged(SelectionChangedEvent event) {
		super.selectionChanged(event);
		if (event.getSelection() instanceof IStructuredSelection selection
				&& selection.getFirstElement() instanceof Item item) {
			editor.selectAndReveal(item.offset(), item.length());
		}
	}

	@Override
	public void dispose() {
		if (document != null) {
			document.removeDocumentListener(listener);
		}
		super.dispose();
	}

	/** @return the items the outline shows (for tests) */
	public List<Item> items() {
		return items;
	}

	private void schedule() {
		Display display = Display.getCurrent();
		if (display != null) {
			display.timerExec(DELAY_MS, refresh);
		}
	}

	/** Rebuilds the tree from the current text in the background. */
	private void refresh() {
		if (document == null || getTreeViewer() == null) {
			return;
		}
		String text = document.get();
		Display display = getTreeViewer().getControl().getDisplay();
		Job job = Job.create("Outline of " + editor.getEditorInput().getName(), monitor -> {
			VseDocumentSession session = VseServices.session(document);
			List<Item> fresh = session.withResource(text, resource -> build(resource, session));
			display.asyncExec(() -> show(fresh));
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	private void show(List<Item> fresh) {
		TreeViewer viewer = getTreeViewer();
		if (viewer == null || viewer.getControl().isDisposed()) {
			return;
		}
		items = fresh;
		viewer.setInput(fresh);
		viewer.expandAll();
	}

	private static List<Item> build(XtextResource resource, VseDocumentSession session) {
		List<Item> result = new ArrayList<>();
		if (resource.getContents().isEmpty()) {
			return result;
		}
		ILocationInFileProvider locations = session.injector().getInstance(ILocationInFileProvider.class);
		EObject model = resource.getContents().get(0);
		EStructuralFeature declarations = model.eClass().getEStructuralFeature("declarations");
		if (declarations == null) {
			return result;
		}
		for (Object o : (List<?>) model.eGet(declarations)) {
			if (o instanceof EObject declaration) {
				List<Item> children = new ArrayList<>();
				EStructuralFeature members = declaration.eClass().getEStructuralFeature("members");
				if (members != null) {
					for (Object m : (List<?>) declaration.eGet(members)) {
						if (m instanceof EObject member && "Group".equals(member.eClass().getName())) {
							children.add(item(member, locations, List.of()));
						}
					}
				}
				result.add(item(declaration, locations, children));
			}
		}
		return result;
	}

	private static Item item(EObject object, ILocationInFileProvider locations, List<Item> children) {
		EStructuralFeature nameFeature = object.eClass().getEStructuralFeature("name");
		Object name = nameFeature == null ? null : object.eGet(nameFeature);
		String kind = switch (object.eClass().getName()) {
		case "PackageSet" -> "packageset";
		case "Environment" -> "environment";
		case "Profile" -> "profile";
		case "MachineSet" -> "machines";
		case "Group" -> "group";
		default -> object.eClass().getName();
		};
		ITextRegion region = locations.getSignificantTextRegion(object);
		return new Item(name + " (" + kind + ")", region.getOffset(), region.getLength(), List.copyOf(children));
	}
}
