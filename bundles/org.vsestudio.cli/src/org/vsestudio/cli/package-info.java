/**
 * The {@code vse} command line: a plain-JVM program (no OSGi framework, no workspace) for
 * login nodes and CI, over the same headless services the IDE uses.
 */
package org.vsestudio.cli;
