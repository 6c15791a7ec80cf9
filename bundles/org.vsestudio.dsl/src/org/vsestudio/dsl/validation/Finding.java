package org.vsestudio.dsl.validation;

import java.util.List;

import org.vsestudio.dsl.evaluation.Origin;

/**
 * A problem of an effective environment, before validation puts it on an element. The same
 * problem found in an environment and in its base has the same key: it is reported once,
 * where it first appears.
 *
 * @param key identifies the problem within an environment and its bases
 * @param code the issue code (see {@link IssueCodes})
 * @param message the message, one or more full sentences
 * @param parts the places involved; the diagnostic goes on the last of them written in the
 *        environment being validated (or on its name, if none is)
 * @param data the issue data for quick fixes
 */
public record Finding(String key, String code, String message, List<Origin> parts, List<String> data) {

	public Finding {
		parts = List.copyOf(parts);
		data = List.copyOf(data);
	}
}
