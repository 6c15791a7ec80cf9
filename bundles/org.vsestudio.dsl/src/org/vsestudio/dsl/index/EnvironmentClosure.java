package org.vsestudio.dsl.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

import org.vsestudio.dsl.evaluation.ConflictingPackage;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.PackageRequirement;
import org.vsestudio.dsl.evaluation.VersionBound;
import org.vsestudio.packages.BaseSystem;
import org.vsestudio.packages.Constraint;
import org.vsestudio.packages.DebianVersion;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.Resolution;
import org.vsestudio.packages.ResolveRequest;
import org.vsestudio.packages.Resolver;

/**
 * The package closure of an effective environment: the request its package list makes of
 * the resolver, and the resolution, as validation and {@code vse lock} both compute it.
 *
 * <p>The request holds every required package with its constraints and every package under
 * {@code conflicts} as forbidden, over the {@link BaseSystem#REQUIRED required} base system,
 * with {@code Recommends} installed (as {@code apt-get install} does). Left out are what
 * cannot be asked of this index at all, which validation reports by itself: a package of
 * another architecture ({@code libc6:i386}), a constraint whose version is not valid, and
 * constraints that contradict each other.
 *
 * <p>The origin the resolver hands back in each problem is the package's name (for a
 * forbidden package: {@link #forbiddenOrigin(String)}): a request is a function of its text,
 * so that a resolution can be reused for any environment with the same request. One
 * resolver is kept per index, and the last resolutions per index.
 */
public final class EnvironmentClosure {

	/** How many resolutions are kept per index. */
	private static final int KEPT = 32;

	private static final Map<RepositoryIndex, Resolver> RESOLVERS = Collections.synchronizedMap(new WeakHashMap<>());

	private static final Map<RepositoryIndex, Map<String, Resolution>> RESOLUTIONS = Collections
			.synchronizedMap(new WeakHashMap<>());

	private EnvironmentClosure() {
	}

	/** @return the request of {@code environment}'s package list */
	public static ResolveRequest request(EffectiveEnvironment environment) {
		List<org.vsestudio.packages.PackageRequirement> requirements = new ArrayList<>();
		for (PackageRequirement r : environment.packages().requirements()) {
			requirement(r).ifPresent(requirements::add);
		}
		List<org.vsestudio.packages.PackageRequirement> forbidden = new ArrayList<>();
		for (ConflictingPackage c : environment.packages().conflicts()) {
			if (!c.name().contains(":") && forbidden.stream().noneMatch(f -> f.name().equals(c.name()))) {
				forbidden.add(org.vsestudio.packages.PackageRequirement.of(c.name(), forbiddenOrigin(c.name())));
			}
		}
		return new ResolveRequest(requirements, forbidden, BaseSystem.REQUIRED, true);
	}

	/** @return the origin of the forbidden package {@code name} in a request */
	public static String forbiddenOrigin(String name) {
		return "conflicts " + name;
	}

	private static Optional<org.vsestudio.packages.PackageRequirement> requirement(PackageRequirement r) {
		if (r.name().contains(":") || r.constraints().stream().anyMatch(b -> !b.isValid())
				|| VersionBound.contradiction(r.constraints()).isPresent()) {
			return Optional.empty();
		}
		List<Constraint> constraints = r.constraints().stream()
				.map(b -> new Constraint(b.relation(), DebianVersion.parse(b.version()))).toList();
		return Optional.of(new org.vsestudio.packages.PackageRequirement(r.name(), constraints, r.name()));
	}

	/** @return the resolver of {@code index}, the same one each time */
	public static Resolver resolver(RepositoryIndex index) {
		synchronized (RESOLVERS) {
			return RESOLVERS.computeIfAbsent(index, RepositoryIndex::resolver);
		}
	}

	/** @return the resolution of {@code request} over {@code index}, reused if the same request was resolved lately */
	public static Resolution resolve(RepositoryIndex index, ResolveRequest request) {
		String key = key(request);
		Map<String, Resolution> kept;
		synchronized (RESOLUTIONS) {
			kept = RESOLUTIONS.computeIfAbsent(index, i -> new LinkedHashMap<>(16, 0.75f, true) {
				private static final long serialVersionUID = 1L;

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Resolution> eldest) {
					return size() > KEPT;
				}
			});
		}
		synchronized (kept) {
			Resolution r = kept.get(key);
			if (r != null) {
				return r;
			}
		}
		Resolution r = resolver(index).resolve(request);
		synchronized (kept) {
			kept.put(key, r);
		}
		return r;
	}

	/** @return the request as text: what its resolution depends on */
	private static String key(ResolveRequest request) {
		StringBuilder b = new StringBuilder();
		b.append(request.base()).append(' ').append(request.recommends()).append('\n');
		request.requirements().forEach(r -> b.append("require ").append(r).append(' ').append(r.origin()).append('\n'));
		request.forbidden().forEach(r -> b.append("forbid ").append(r).append(' ').append(r.origin()).append('\n'));
		return b.toString();
	}
}
