package org.vsestudio.dsl.evaluation;

/**
 * {@code client uses server}: the server starts before the client.
 *
 * @param client the group that uses the other
 * @param server the group that is used, and starts first
 * @param origin where it is written
 */
public record UsesEdge(String client, String server, Origin origin) {
}
