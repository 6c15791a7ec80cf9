package org.vsestudio.dsl.evaluation;

/**
 * A distribution family and one of its releases, as {@code distribution debian bookworm} or
 * a package set's {@code for rhel 9} write them.
 *
 * @param distribution the family, e.g. {@code debian}
 * @param release the release, e.g. {@code bookworm}
 */
public record DistributionRelease(String distribution, String release) {

	@Override
	public String toString() {
		return release == null || release.isEmpty() ? distribution : distribution + " " + release;
	}
}
