/**
 * Package repositories of the distributions a VSE is built from, on a plain JVM.
 *
 * <ul>
 * <li>{@link org.vsestudio.packages.RepositoryIndex}: what a repository offers (names,
 * versions, completion, nearest names); {@link org.vsestudio.packages.DebianIndex} reads
 * Debian {@code Packages} files from the host's apt lists ({@link org.vsestudio.packages.AptLists})
 * or fetched by {@link org.vsestudio.packages.RepositoryFetcher}, and keeps a binary cache.</li>
 * <li>{@link org.vsestudio.packages.Resolver}: requirements
 * ({@link org.vsestudio.packages.PackageRequirement}) to a closure, or
 * {@link org.vsestudio.packages.Problem}s explained by the shortest chains.</li>
 * <li>{@link org.vsestudio.packages.LockFile}: the closure, exact and deterministic.</li>
 * <li>{@link org.vsestudio.packages.DebianVersion}: versions in dpkg's order.</li>
 * </ul>
 */
package org.vsestudio.packages;
