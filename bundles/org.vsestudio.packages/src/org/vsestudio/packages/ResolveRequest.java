package org.vsestudio.packages;

import java.util.List;

/**
 * What to resolve: the packages asked for, the packages that must not be installed, the base
 * system the image starts from, and whether {@code Recommends} are installed (apt's default).
 *
 * @param requirements the packages asked for, with their constraints and origins
 * @param forbidden packages no version of which (satisfying the constraints, if any) may be
 *        installed, e.g. from a package set's {@code conflicts}
 * @param base the base system
 * @param recommends whether to install recommended packages where they can be
 */
public record ResolveRequest(List<PackageRequirement> requirements, List<PackageRequirement> forbidden, BaseSystem base,
        boolean recommends) {

    public ResolveRequest {
        requirements = List.copyOf(requirements);
        forbidden = List.copyOf(forbidden);
    }

    /** @return a request for {@code requirements} on the {@link BaseSystem#REQUIRED} base, with recommends */
    public static ResolveRequest of(List<PackageRequirement> requirements) {
        return new ResolveRequest(requirements, List.of(), BaseSystem.REQUIRED, true);
    }

    public ResolveRequest withBase(BaseSystem b) {
        return new ResolveRequest(requirements, forbidden, b, recommends);
    }

    public ResolveRequest withRecommends(boolean r) {
        return new ResolveRequest(requirements, forbidden, base, r);
    }

    public ResolveRequest withForbidden(List<PackageRequirement> f) {
        return new ResolveRequest(requirements, f, base, recommends);
    }
}
