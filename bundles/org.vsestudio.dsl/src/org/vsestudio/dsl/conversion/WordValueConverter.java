package org.vsestudio.dsl.conversion;

import java.util.Set;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverterException;
import org.eclipse.xtext.conversion.impl.AbstractValueConverter;
import org.eclipse.xtext.nodemodel.INode;

/**
 * The value of a word (a name, a qualified name, a package name). A word that is also a
 * keyword of the language is written with a leading caret ({@code ^at} for the package
 * {@code at}); the caret is not part of the value, and is added again when a keyword is
 * written out.
 */
public class WordValueConverter extends AbstractValueConverter<String> implements IValueConverter.RuleSpecific {

	private Set<String> keywords = Set.of();

	@Override
	public void setRule(AbstractRule rule) {
		keywords = GrammarUtil.getAllKeywords(GrammarUtil.getGrammar(rule));
	}

	@Override
	public String toValue(String string, INode node) throws ValueConverterException {
		if (string == null) {
			return null;
		}
		return string.startsWith("^") ? string.substring(1) : string;
	}

	@Override
	public String toString(String value) throws ValueConverterException {
		if (value == null || value.isEmpty()) {
			throw new ValueConverterException("A word may not be empty.", null, null);
		}
		return keywords.contains(value) ? "^" + value : value;
	}
}
