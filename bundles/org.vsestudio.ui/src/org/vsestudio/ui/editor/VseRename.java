package org.vsestudio.ui.editor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.ltk.core.refactoring.Change;
import org.eclipse.ltk.core.refactoring.CompositeChange;
import org.eclipse.ltk.core.refactoring.PerformChangeOperation;
import org.eclipse.ltk.core.refactoring.RefactoringCore;
import org.eclipse.ltk.core.refactoring.TextFileChange;
import org.eclipse.text.edits.MultiTextEdit;
import org.eclipse.text.edits.ReplaceEdit;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;

/**
 * Renames a declaration and every reference to it in the project's {@code .vse} files, as one
 * change of the refactoring undo manager (Edit › Undo reverts it in every file). Open files
 * are changed in their editors and stay unsaved; the others are saved.
 */
public final class VseRename {

	private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*([.-][A-Za-z0-9_]+)*");
	private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*");

	private VseRename() {
	}

	/** @return why {@code name} cannot be the new name of {@code found}, or {@code null} */
	public static String validate(VseReferences.Found found, String name) {
		boolean qualified = found.name().contains(".") || !"Group".equals(found.kind());
		if (name == null || name.isBlank()) {
			return "Enter a name";
		}
		if (name.equals(found.name())) {
			return "The name is unchanged";
		}
		if (!(qualified ? QUALIFIED : SIMPLE).matcher(name).matches()) {
			return qualified ? "A name is words of letters, digits and _ separated by . or -, such as site.base"
					: "A group's name is letters, digits, _ and -, without dots";
		}
		IGrammarAccess grammar = VseServices.injector().getInstance(IGrammarAccess.class);
		Set<String> keywords = GrammarUtil.getAllKeywords(grammar.getGrammar());
		if (keywords.contains(name)) {
			return "'" + name + "' is a keyword of the language";
		}
		return null;
	}

	/**
	 * The change that renames {@code found} to {@code name}: its declaration, every reference
	 * (with the full new name), and the imports:
	 * <ul>
	 * <li>{@code import OLD} becomes {@code import NEW}, and {@code import OLD.*} (the names
	 * below a machine set) {@code import NEW.*};</li>
	 * <li>a file that refers to the name and saw it through a wildcard import ({@code import ornl.*})
	 * that does not cover the new name gets {@code import NEW} after its imports, so that it
	 * still sees it.</li>
	 * </ul>
	 *
	 * @param edited the file whose document {@code found} was computed from (its offsets are those of
	 *            the text being edited); the other files' offsets are those of their saved contents
	 * @return the change that renames {@code found} to {@code name} in every file
	 * @throws CoreException if another file of the change has unsaved changes
	 */
	public static Change change(VseReferences.Found found, String name, IFile edited) throws CoreException {
		Map<IFile, MultiTextEdit> edits = new LinkedHashMap<>();
		Map<org.eclipse.text.edits.TextEdit, String> groups = new java.util.IdentityHashMap<>();
		for (VseReferences.Occurrence occurrence : concat(found.declaration(), found.references())) {
			add(edits, groups, occurrence, new ReplaceEdit(occurrence.offset(), occurrence.length(), name),
					occurrence == found.declaration() ? "Rename the declaration" : "Update reference");
		}
		if (!"Group".equals(found.kind())) {
			String old = found.name();
			Map<org.eclipse.emf.common.util.URI, List<VseReferences.Import>> importsByFile = new LinkedHashMap<>();
			for (VseReferences.Import i : found.imports()) {
				importsByFile.computeIfAbsent(i.name().uri(), u -> new java.util.ArrayList<>()).add(i);
				if (!i.wildcard() && i.namespace().equals(old)) {
					add(edits, groups, i.name(), new ReplaceEdit(i.name().offset(), i.name().length(), name), "Update import");
				} else if (i.wildcard() && i.namespace().equals(old + ".*")) {
					add(edits, groups, i.name(), new ReplaceEdit(i.name().offset(), i.name().length(), name + ".*"), "Update import");
				}
			}
			Set<org.eclipse.emf.common.util.URI> referring = new java.util.LinkedHashSet<>();
			found.references().forEach(r -> referring.add(r.uri()));
			referring.remove(found.declaration().uri());
			for (org.eclipse.emf.common.util.URI uri : referring) {
				List<VseReferences.Import> imports = importsByFile.getOrDefault(uri, List.of());
				boolean sawOld = imports.stream().anyMatch(i -> i.wildcard() && i.covers(old));
				boolean seesNew = imports.stream().anyMatch(i -> i.covers(name) || !i.wildcard() && i.namespace().equals(old));
				if (sawOld && !seesNew) {
					VseReferences.Import last = imports.stream().max(java.util.Comparator.comparingInt(VseReferences.Import::end)).orElseThrow();
					add(edits, groups, last.name(), new org.eclipse.text.edits.InsertEdit(last.end(), "\nimport " + name),
							"Add import " + name);
				}
			}
		}
		CompositeChange change = new CompositeChange("Rename " + found.name() + " to " + name);
		for (Map.Entry<IFile, MultiTextEdit> entry : edits.entrySet()) {
			ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager()
					.getTextFileBuffer(entry.getKey().getFullPath(), LocationKind.IFILE);
			if (buffer != null && buffer.isDirty() && !entry.getKey().equals(edited)) {
				throw new CoreException(org.eclipse.core.runtime.Status.error(
						"Save " + entry.getKey().getName() + " first: it has references to " + found.name()));
			}
			TextFileChange fileChange = new TextFileChange(entry.getKey().getName(), entry.getKey());
			fileChange.setEdit(entry.getValue());
			for (org.eclipse.text.edits.TextEdit edit : entry.getValue().getChildren()) {
				fileChange.addTextEditGroup(new org.eclipse.text.edits.TextEditGroup(groups.get(edit), edit));
			}
			fileChange.setSaveMode(buffer != null ? TextFileChange.LEAVE_DIRTY : TextFileChange.FORCE_SAVE);
			change.add(fileChange);
		}
		return change;
	}

	private static void add(Map<IFile, MultiTextEdit> edits, Map<org.eclipse.text.edits.TextEdit, String> groups, VseReferences.Occurrence where,
			org.eclipse.text.edits.TextEdit edit, String label) throws CoreException {
		IFile file = VseReferenceSearch.fileOf(where);
		if (file == null) {
			throw new CoreException(org.eclipse.core.runtime.Status.error(where.uri() + " is not in the workspace"));
		}
		edits.computeIfAbsent(file, f -> new MultiTextEdit()).addChild(edit);
		groups.put(edit, label);
	}

	/** Performs {@code change} through the refactoring undo manager; @return the change that undoes it */
	public static Change perform(Change change, IProgressMonitor monitor) throws CoreException {
		change.initializeValidationData(monitor);
		PerformChangeOperation operation = new PerformChangeOperation(change);
		operation.setUndoManager(RefactoringCore.getUndoManager(), change.getName());
		ResourcesPlugin.getWorkspace().run(operation, monitor);
		if (operation.getValidationStatus() != null && operation.getValidationStatus().hasFatalError()) {
			throw new CoreException(org.eclipse.core.runtime.Status.error(operation.getValidationStatus().toString()));
		}
		return operation.getUndoChange();
	}

	private static List<VseReferences.Occurrence> concat(VseReferences.Occurrence first, List<VseReferences.Occurrence> rest) {
		java.util.ArrayList<VseReferences.Occurrence> all = new java.util.ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}
}
