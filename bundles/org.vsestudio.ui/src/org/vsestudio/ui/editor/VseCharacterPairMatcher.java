package org.vsestudio.ui.editor;

import org.eclipse.jface.text.source.DefaultCharacterPairMatcher;

/** Bracket matching of {@code { }}, {@code ( )} and {@code [ ]}. */
public class VseCharacterPairMatcher extends DefaultCharacterPairMatcher {
	public VseCharacterPairMatcher() {
		super(new char[] { '{', '}', '(', ')', '[', ']' });
	}
}
