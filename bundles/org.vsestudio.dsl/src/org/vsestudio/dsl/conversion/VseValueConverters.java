package org.vsestudio.dsl.conversion;

import org.eclipse.xtext.common.services.DefaultTerminalConverters;
import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;

import com.google.inject.Inject;

/** The value converters of the VSE language: Xtext's terminals, and the escapable words. */
public class VseValueConverters extends DefaultTerminalConverters {

	@Inject
	private WordValueConverter qualifiedNameConverter;

	@Inject
	private WordValueConverter nameConverter;

	@Inject
	private WordValueConverter packageNameConverter;

	@Inject
	private WordValueConverter releaseConverter;

	@ValueConverter(rule = "QualifiedName")
	public IValueConverter<String> QualifiedName() {
		return qualifiedNameConverter;
	}

	@ValueConverter(rule = "QualifiedNameWithWildcard")
	public IValueConverter<String> QualifiedNameWithWildcard() {
		return qualifiedNameConverter;
	}

	@ValueConverter(rule = "Name")
	public IValueConverter<String> Name() {
		return nameConverter;
	}

	@ValueConverter(rule = "PackageName")
	public IValueConverter<String> PackageName() {
		return packageNameConverter;
	}

	/* A release may be a keyword too (^at): without this, the caret stayed in the value. */
	@ValueConverter(rule = "Release")
	public IValueConverter<String> Release() {
		return releaseConverter;
	}
}
