package org.vsestudio.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolution;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2.Options;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.vsestudio.dsl.evaluation.GroupDeployment;
import org.vsestudio.dsl.validation.IssueCodes;
import org.vsestudio.dsl.vse.Deployment;
import org.vsestudio.dsl.vse.DeploymentMode;
import org.vsestudio.dsl.vse.Packages;
import org.vsestudio.dsl.vse.ProtectionLevel;
import org.vsestudio.dsl.vse.Requirement;
import org.vsestudio.dsl.vse.VsePackage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * Quick fixes of the VSE language, offered as LSP code actions. Each changes the text of the
 * diagnostic's range, or of the element it is on.
 *
 * <p>Xtext's IDE quick-fix methods receive only the acceptor; the fixes that depend on the
 * diagnostic's data (the suggested names, the required protection) read it through
 * {@link #data()}, which holds the data of the diagnostic being resolved.
 */
public class VseQuickfixProvider extends AbstractDeclarativeIdeQuickfixProvider {

	private final ThreadLocal<Diagnostic> current = new ThreadLocal<>();

	@Override
	public List<DiagnosticResolution> getResolutions(Options options, Diagnostic diagnostic) {
		current.set(diagnostic);
		try {
			return super.getResolutions(options, diagnostic);
		} finally {
			current.remove();
		}
	}

	@QuickFix(IssueCodes.UNKNOWN_PACKAGE)
	public void replaceUnknownPackage(DiagnosticResolutionAcceptor acceptor) {
		for (String name : data()) {
			acceptor.accept("Replace with '" + name + "'", (diagnostic, element, document) -> createTextEdit(diagnostic, name));
		}
	}

	@QuickFix(IssueCodes.RESERVED_PACKAGE_CONSTRAINED)
	public void removeReservedConstraint(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		acceptor.accept("Remove the version constraint of '" + data().get(0) + "' (the base's constraint applies)",
				(diagnostic, element, document) -> {
					if (!(element instanceof Requirement requirement)) {
						return List.of();
					}
					List<INode> name = NodeModelUtils.findNodesForFeature(requirement,
							VsePackage.Literals.REQUIREMENT__PACKAGE_NAME);
					ICompositeNode node = NodeModelUtils.findActualNodeFor(requirement);
					if (name.isEmpty() || node == null) {
						return List.of();
					}
					return List.of(edit(document, node.getOffset(), node.getEndOffset(),
							NodeModelUtils.getTokenText(name.get(0))));
				});
	}

	@QuickFix(IssueCodes.RESERVED_PACKAGE_REMOVED)
	public void keepReservedPackage(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		acceptor.accept("Keep '" + data().get(0) + "' (do not remove it)", (diagnostic, element, document) -> {
			if (!(element instanceof Requirement requirement)) {
				return List.of();
			}
			ICompositeNode node = NodeModelUtils.findActualNodeFor(requirement);
			if (node == null) {
				return List.of();
			}
			String text = document.getContents();
			int end = node.getEndOffset();
			while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
				end++;
			}
			return List.of(edit(document, node.getOffset(), end, ""));
		});
	}

	@QuickFix(IssueCodes.RESERVED_SETTING_CHANGED)
	public void removeReservedSetting(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Remove this setting (the base's value applies)",
				(diagnostic, element, document) -> List.of(removeLines(document, diagnostic.getRange())));
	}

	@QuickFix(IssueCodes.REQUIRED_SET_MISSING)
	public void addRequiredSet(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		String set = data().get(0);
		acceptor.accept("Add 'packages += " + set + "'", (diagnostic, element, document) -> {
			Packages statement = EcoreUtil2.getContainerOfType(element, Packages.class);
			ICompositeNode node = statement == null ? null : NodeModelUtils.findActualNodeFor(statement);
			if (node == null) {
				return List.of();
			}
			String text = document.getContents();
			int lineStart = text.lastIndexOf('\n', node.getOffset() - 1) + 1;
			String indentation = text.substring(lineStart, node.getOffset()).isBlank()
					? text.substring(lineStart, node.getOffset())
					: "";
			return List.of(edit(document, node.getEndOffset(), node.getEndOffset(),
					"\n" + indentation + "packages += " + set));
		});
	}

	@QuickFix(IssueCodes.PROTECTION_TOO_LOW)
	public void raiseDeployment(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		ProtectionLevel required = ProtectionLevel.get(data().get(0));
		if (required == null) {
			return;
		}
		for (DeploymentMode mode : List.of(DeploymentMode.DISKLESS_NFS, DeploymentMode.DISKLESS_RAMFS,
				DeploymentMode.VIRTUAL)) {
			if (GroupDeployment.protectionOf(mode).getValue() < required.getValue()) {
				continue;
			}
			String text = GroupDeployment.text(mode);
			acceptor.accept("Deploy as " + text + " (" + GroupDeployment.protectionOf(mode).getLiteral() + " protection)",
					(diagnostic, element, document) -> element instanceof Deployment deployment
							? deploymentMode(deployment, document, text)
							: List.of());
		}
	}

	@QuickFix(IssueCodes.SANDBOX_TOO_LARGE)
	public void lowerSandbox(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		String count = data().get(0);
		acceptor.accept("Lower the sandbox to " + count + " nodes, the size of the group",
				(diagnostic, element, document) -> createTextEdit(diagnostic, count));
	}

	@QuickFix(IssueCodes.INVALID_MAC)
	public void replaceMac(DiagnosticResolutionAcceptor acceptor) {
		if (data().isEmpty()) {
			return;
		}
		String mac = data().get(0);
		acceptor.accept("Use the locally administered unicast address " + mac,
				(diagnostic, element, document) -> createTextEdit(diagnostic, mac));
	}

	@QuickFix(IssueCodes.FILE_TARGET_NOT_ABSOLUTE)
	public void makePathAbsolute(DiagnosticResolutionAcceptor acceptor) {
		acceptor.accept("Make the path absolute", (diagnostic, element, document) -> {
			Position start = diagnostic.getRange().getStart();
			int offset = document.getOffSet(start);
			String text = document.getContents();
			// the range is the quoted string: insert after the opening quote
			int at = offset < text.length() && (text.charAt(offset) == '"' || text.charAt(offset) == '\'') ? offset + 1
					: offset;
			return List.of(edit(document, at, at, "/"));
		});
	}

	/** Replaces what follows {@code as} in {@code deploy GROUP as MODE}. */
	private static List<TextEdit> deploymentMode(Deployment deployment, Document document, String mode) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(deployment);
		if (node == null) {
			return List.of();
		}
		int from = -1;
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden() && "as".equals(leaf.getText())) {
				from = leaf.getEndOffset();
			}
		}
		return from < 0 ? List.of() : List.of(edit(document, from, node.getEndOffset(), " " + mode));
	}

	/** Removes the range, and its whole lines if nothing else is written on them. */
	private static TextEdit removeLines(Document document, Range range) {
		String text = document.getContents();
		int from = document.getOffSet(range.getStart());
		int to = document.getOffSet(range.getEnd());
		int lineStart = text.lastIndexOf('\n', from - 1) + 1;
		int lineEnd = text.indexOf('\n', to);
		lineEnd = lineEnd < 0 ? text.length() : lineEnd;
		if (text.substring(lineStart, from).isBlank() && text.substring(to, lineEnd).isBlank()) {
			from = lineStart;
			to = Math.min(lineEnd + 1, text.length());
		}
		return edit(document, from, to, "");
	}

	private static TextEdit edit(Document document, int from, int to, String text) {
		return new TextEdit(new Range(document.getPosition(from), document.getPosition(to)), text);
	}

	/**
	 * @return the data of the diagnostic being resolved: the validator's issue data (a
	 *         {@code String[]} in the server, a JSON array once it went through a client)
	 */
	protected List<String> data() {
		Diagnostic diagnostic = current.get();
		Object data = diagnostic == null ? null : diagnostic.getData();
		List<String> result = new ArrayList<>();
		if (data instanceof String[] strings) {
			result.addAll(List.of(strings));
		} else if (data instanceof JsonArray array) {
			for (JsonElement e : array) {
				if (e.isJsonPrimitive()) {
					result.add(e.getAsString());
				}
			}
		} else if (data instanceof Iterable<?> values) {
			values.forEach(v -> result.add(String.valueOf(v)));
		} else if (data instanceof JsonElement e && e.isJsonPrimitive()) {
			result.add(e.getAsString());
		} else if (data instanceof String s) {
			result.add(s);
		}
		return result;
	}
}
