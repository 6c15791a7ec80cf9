/**
 * Where the repository index of an environment comes from ({@link org.vsestudio.dsl.index.HostIndexProvider}:
 * the host's apt lists, or repositories fetched by their address, through the tool's cache)
 * and the package closure an environment asks for ({@link org.vsestudio.dsl.index.EnvironmentClosure}),
 * as validation, completion and {@code vse lock} use them.
 */
package org.vsestudio.dsl.index;
