package org.vsestudio.dsl.serializer;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.serializer.diagnostic.ISerializationDiagnostic.Acceptor;
import org.eclipse.xtext.serializer.tokens.EnumLiteralSerializer;

/**
 * Writes an operator back the way the user spelled it: {@code gte} stays {@code gte} and
 * {@code |} stays {@code |}, although each has a second spelling with the same meaning
 * ({@code >=}, {@code +}). Xtext's serializer keeps the text only for the first spelling.
 */
public class VseEnumLiteralSerializer extends EnumLiteralSerializer {

	@Override
	public String serializeAssignedEnumLiteral(EObject context, RuleCall ruleCall, Object value, INode node,
			Acceptor errors) {
		if (spelledAs(node, value)) {
			return tokenUtil.serializeNode(node);
		}
		return super.serializeAssignedEnumLiteral(context, ruleCall, value, node, errors);
	}

	/** Whether the node (the rule call, or its one leaf) is a spelling of {@code value}. */
	private static boolean spelledAs(INode node, Object value) {
		if (node == null) {
			return false;
		}
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				return leaf.getGrammarElement() instanceof EnumLiteralDeclaration written
						&& written.getEnumLiteral() != null && written.getEnumLiteral().getInstance() == value;
			}
		}
		return false;
	}
}
