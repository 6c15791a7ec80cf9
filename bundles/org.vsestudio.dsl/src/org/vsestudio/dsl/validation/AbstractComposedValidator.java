package org.vsestudio.dsl.validation;

import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.EValidatorRegistrar;
import org.vsestudio.dsl.evaluation.Evaluator;
import org.vsestudio.dsl.evaluation.Origin;
import org.vsestudio.dsl.vse.VsePackage;

/**
 * The base of the validators that {@link VseValidator} composes: they are not registered
 * themselves, and they share one {@link Evaluator} per validation of a resource.
 */
public abstract class AbstractComposedValidator extends AbstractVseValidator {

	@Override
	public void register(EValidatorRegistrar registrar) {
		// composed into VseValidator, which is registered
	}

	/** @return the evaluator of the current validation (one per validated resource) */
	protected Evaluator evaluator() {
		Map<Object, Object> context = getContext();
		if (context == null) {
			return new Evaluator();
		}
		try {
			return (Evaluator) context.computeIfAbsent(Evaluator.class, key -> new Evaluator());
		} catch (UnsupportedOperationException e) {
			return new Evaluator();
		}
	}

	/**
	 * Reports {@code finding} as an error within {@code scope} (the declaration being
	 * validated): on the last of its parts written in {@code scope}, or on the name of
	 * {@code scope} if none is.
	 */
	protected void report(Finding finding, EObject scope) {
		EObject target = locate(finding.parts(), scope);
		if (target == null) {
			// the data is about the parts (quick fixes edit them), not the name
			error(finding.message(), scope, VsePackage.Literals.DECLARATION__NAME, finding.code());
		} else {
			error(finding.message(), target, null, finding.code(), finding.data().toArray(String[]::new));
		}
	}

	/** @return the part written last within {@code scope}, or {@code null} if no part is in it */
	protected static EObject locate(List<Origin> parts, EObject scope) {
		EObject best = null;
		int bestOffset = -1;
		for (Origin part : parts) {
			EObject element = part.element();
			if (element != null && EcoreUtil.isAncestor(scope, element)) {
				ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
				int offset = node == null ? 0 : node.getOffset();
				if (offset > bestOffset) {
					best = element;
					bestOffset = offset;
				}
			}
		}
		return best;
	}

	/** @return {@code 'name'} */
	protected static String quote(String name) {
		return "'" + name + "'";
	}
}
