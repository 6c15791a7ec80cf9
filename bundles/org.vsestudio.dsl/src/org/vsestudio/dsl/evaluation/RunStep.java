package org.vsestudio.dsl.evaluation;

/**
 * {@code run "command"}: a shell command run inside the image at build time.
 *
 * @param command the command
 * @param environment the environment that wrote it
 * @param origin where it is written
 */
public record RunStep(String command, String environment, Origin origin) {
}
