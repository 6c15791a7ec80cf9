/**
 * Slurm host lists ({@code n[001-128,200]}, {@code rack[1-4]n[01-32]}, {@code login1,io[01-04]}):
 * parsed, validated, counted and compared without expanding them, so that a group of
 * 100,000 nodes costs no more than its text.
 */
package org.vsestudio.dsl.hostlist;
