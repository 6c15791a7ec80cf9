package org.vsestudio.dsl.evaluation;

import org.vsestudio.dsl.vse.ProtectionLevel;

/**
 * Whether a way of running an environment protects it as much as its bases require
 * ({@code protection at least LEVEL}): the check {@code vse run} and the IDE's sandbox launch
 * make before they build or start anything.
 */
public final class ProtectionCheck {

	private ProtectionCheck() {
	}

	/**
	 * @param environment the environment to run
	 * @param backend     the backend's name for users ({@code container})
	 * @param given       the protection that backend gives
	 * @param alternative what to use instead, for the message ({@code --backend qemu or libvirt})
	 * @return {@code null} if {@code given} is enough, else one sentence naming the environment
	 *         or base that requires more, where it says so, and the alternative
	 */
	public static String refusal(EffectiveEnvironment environment, String backend, ProtectionLevel given, String alternative) {
		if (environment.minimumProtection().isEmpty()) {
			return null;
		}
		Setting<ProtectionLevel> required = environment.minimumProtection().get();
		if (given.getValue() >= required.value().getValue()) {
			return null;
		}
		Origin o = required.origin();
		String where = o == null ? "" : " (" + (o.fileName().isEmpty() ? "" : o.fileName() + " ") + "line " + o.line() + ")";
		String who = required.environment().equals(environment.name()) ? "the environment " + environment.name()
				: "the base " + required.environment() + " of " + environment.name();
		return who + " requires protection at least " + required.value().getLiteral() + where + ", and the " + backend
				+ " backend gives only " + given.getLiteral() + " protection (it shares the host's kernel); use " + alternative + ".";
	}
}
