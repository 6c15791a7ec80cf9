package org.vsestudio.dsl.evaluation;

/**
 * A single-valued setting of an effective environment and where it comes from.
 *
 * @param <T> the type of the value
 * @param value the value
 * @param environment the name of the environment that wrote it (the environment itself or a base)
 * @param origin where it is written
 */
public record Setting<T>(T value, String environment, Origin origin) {
}
