package org.vsestudio.dsl.formatting2;

import org.eclipse.xtext.formatting.IIndentationInformation;

/** Four spaces: the indentation of the house layout, where no editor preference says otherwise. */
public class VseIndentationInformation implements IIndentationInformation {

	@Override
	public String getIndentString() {
		return VseFormatter.INDENTATION;
	}
}
