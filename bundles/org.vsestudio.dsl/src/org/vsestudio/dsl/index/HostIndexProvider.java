package org.vsestudio.dsl.index;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.vsestudio.dsl.evaluation.DistributionRelease;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.RepositorySource;
import org.vsestudio.dsl.evaluation.Setting;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.DebianIndex;
import org.vsestudio.packages.PackagesFile;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.RepositoryFetcher;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.packages.RepositoryMismatchException;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The repository index of an environment, from where its {@code repositories} say:
 * {@code repositories from host} reads the building host's apt lists (for the environment's
 * release and architecture), {@code repository "URL" suite S components …} fetches that
 * suite's metadata with a {@link RepositoryFetcher} (or uses what an earlier fetch cached,
 * when the repository cannot be reached). An environment with several sources gets one
 * index of all of them.
 *
 * <p>Indexes go through the tool's own cache ({@link #defaultCacheDirectory()}), and are kept
 * in memory for the life of the process, per release, architecture and sources: the first
 * validation that needs one loads it, every later one (in any thread) reuses it. When no
 * index can be had, {@link #lookup} says why; that answer is tried again after
 * {@link #RETRY_MILLIS}, so that a host that gets its apt lists later is not stuck without.
 */
@Singleton
public class HostIndexProvider implements IndexProvider {

	/** The release and architecture of completion where there is no environment. */
	public static final String DEFAULT_RELEASE = "bookworm";

	public static final String DEFAULT_ARCHITECTURE = "amd64";

	/** How long a failure to get an index is remembered before it is tried again. */
	public static final long RETRY_MILLIS = 60_000;

	private static final Logger LOG = Logger.getLogger(HostIndexProvider.class.getName());

	/** What is loaded, process-wide: several injectors (the CLI, tests) share the indexes. */
	private static final ConcurrentHashMap<Key, Slot> LOADED = new ConcurrentHashMap<>();

	private final Path cacheDir;
	private final Path aptLists;
	private final Path aptConfiguration;

	/** The host's apt lists and configuration, and the tool's cache in the user's cache folder. */
	@Inject
	public HostIndexProvider() {
		this(defaultCacheDirectory(), AptLists.DEFAULT_LISTS, AptLists.DEFAULT_ETC);
	}

	/**
	 * @param cacheDir the cache of indexes and fetched files
	 * @param aptLists where the host's apt lists are
	 * @param aptConfiguration apt's configuration folder (for the schemes of its sources)
	 */
	public HostIndexProvider(Path cacheDir, Path aptLists, Path aptConfiguration) {
		this.cacheDir = cacheDir.toAbsolutePath().normalize();
		this.aptLists = aptLists;
		this.aptConfiguration = aptConfiguration;
	}

	/** @return {@code $XDG_CACHE_HOME/vse-studio/index}, or {@code ~/.cache/vse-studio/index} */
	public static Path defaultCacheDirectory() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
				: Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("vse-studio").resolve("index");
	}

	/** @return where this provider caches indexes and fetched files */
	public Path cacheDirectory() {
		return cacheDir;
	}

	@Override
	public Optional<RepositoryIndex> index(EffectiveEnvironment environment) {
		return lookup(environment).index();
	}

	@Override
	public Lookup lookup(EffectiveEnvironment environment) {
		return lookup(environment, Progress.NONE);
	}

	/**
	 * {@link #lookup(EffectiveEnvironment)}, reporting the loading of an index to
	 * {@code progress}.
	 *
	 * @throws java.util.concurrent.CancellationException if {@code progress} is canceled while
	 *         the index is read; nothing is remembered then, the next lookup reads it again
	 */
	public Lookup lookup(EffectiveEnvironment environment, Progress progress) {
		Request request = request(environment);
		if (request.answer() != null) {
			return request.answer();
		}
		List<RepositorySource> sources = environment.repositories();
		Loaded loaded = load(request.key(), sources, progress);
		if (loaded.index() != null) {
			return Lookup.of(loaded.index());
		}
		return Lookup.unavailable(new Unavailable(loaded.problem(), loaded.mismatch(),
				sources.get(loaded.source()).origin()));
	}

	/**
	 * What {@link #lookup(EffectiveEnvironment)} would have to read now, without reading it.
	 *
	 * @return the index to be read, such as "debian bookworm amd64", or empty if the answer is
	 *         at hand (loaded, or no index is needed or possible)
	 */
	public Optional<String> toLoad(EffectiveEnvironment environment) {
		Request request = request(environment);
		return request.answer() != null || isLoaded(request.key()) ? Optional.empty() : Optional.of(request.description());
	}

	/** @return the index {@link #hostIndex} would have to read now, or empty if it is at hand */
	public Optional<String> toLoadHost(String distribution, String release, String architecture) {
		if (!distribution.equalsIgnoreCase("debian")) {
			return Optional.empty();
		}
		Key key = new Key(cacheDir, aptLists, release, architecture, List.of("host"));
		return isLoaded(key) ? Optional.empty() : Optional.of(describe(release, architecture, null));
	}

	/**
	 * Forgets the indexes this provider's cache folder and apt lists have given, so that the
	 * next lookup of each reads it again (from the apt lists or repository, through the
	 * cache, which is rebuilt when the files changed).
	 *
	 * @return the indexes forgotten, as {@link #toLoad} names them
	 */
	public List<String> forget() {
		List<String> forgotten = new ArrayList<>();
		LOADED.entrySet().removeIf(e -> {
			Key k = e.getKey();
			if (k.cacheDir().equals(cacheDir) && k.aptLists().equals(aptLists)) {
				forgotten.add(describe(k.release(), k.architecture(), k.sources()));
				return true;
			}
			return false;
		});
		return forgotten;
	}

	/** The key of an environment's index, or the answer when there is nothing to load. */
	private record Request(Key key, String description, Lookup answer) {
	}

	private Request request(EffectiveEnvironment environment) {
		List<RepositorySource> sources = environment.repositories();
		if (sources.isEmpty()) {
			return new Request(null, null, Lookup.NONE); // the environment does not say where its packages come from
		}
		Optional<Setting<DistributionRelease>> distribution = environment.distribution();
		RepositorySource first = sources.get(0);
		if (distribution.isEmpty() || distribution.get().value().release().isEmpty()) {
			return new Request(null, null, Lookup.unavailable(new Unavailable(
					"the environment names no distribution and release; write, for example, 'distribution debian bookworm'.", false,
					first.origin())));
		}
		DistributionRelease release = distribution.get().value();
		if (!release.distribution().equalsIgnoreCase("debian")) {
			return new Request(null, null, Lookup.unavailable(new Unavailable("VSE Studio reads Debian repositories only, and the distribution is '"
					+ release.distribution() + "'.", false, distribution.get().origin())));
		}
		if (environment.architecture().isEmpty()) {
			return new Request(null, null, Lookup.unavailable(new Unavailable(
					"the environment names no architecture; write, for example, 'architecture amd64'.", false, first.origin())));
		}
		String architecture = environment.architecture().get().value();
		List<String> ids = sources.stream().map(HostIndexProvider::id).toList();
		return new Request(new Key(cacheDir, aptLists, release.release(), architecture, ids),
				describe(release.release(), architecture, ids), null);
	}

	/** @return "debian RELEASE ARCHITECTURE", and the repositories when they are not the host's */
	private static String describe(String release, String architecture, List<String> ids) {
		String name = "debian " + release + " " + architecture;
		if (ids == null || ids.equals(List.of("host"))) {
			return name;
		}
		return name + " from " + String.join(", ", ids.stream().map(id -> id.equals("host") ? "the host" : id.split(" ")[0]).toList());
	}

	@Override
	public Optional<RepositoryIndex> hostIndex(String distribution, String release, String architecture) {
		return hostIndex(distribution, release, architecture, Progress.NONE);
	}

	/** {@link #hostIndex(String, String, String)}, reporting the loading to {@code progress}. */
	public Optional<RepositoryIndex> hostIndex(String distribution, String release, String architecture, Progress progress) {
		if (!distribution.equalsIgnoreCase("debian")) {
			return Optional.empty();
		}
		Key key = new Key(cacheDir, aptLists, release, architecture, List.of("host"));
		return Optional.ofNullable(load(key, null, progress).index());
	}

	// ------------------------------------------------------------------ loading, once

	/** What identifies an index: where from, for what. */
	private record Key(Path cacheDir, Path aptLists, String release, String architecture, List<String> sources) {
	}

	/**
	 * An index, or why there is none.
	 *
	 * @param source the number of the source that failed
	 * @param mismatch whether the source serves something else than asked for (an error of the environment)
	 */
	private record Loaded(RepositoryIndex index, String problem, int source, boolean mismatch, long when) {
	}

	/** Loads one key's index once, whichever thread asks first; the others wait for it. */
	private static final class Slot {
		private volatile Loaded loaded;

		boolean isLoaded() {
			Loaded l = loaded;
			return l != null && (l.index() != null || System.currentTimeMillis() - l.when() <= RETRY_MILLIS);
		}

		synchronized Loaded get(java.util.function.Supplier<Loaded> loader) {
			if (!isLoaded()) {
				loaded = loader.get();
			}
			return loaded;
		}
	}

	private static boolean isLoaded(Key key) {
		Slot slot = LOADED.get(key);
		return slot != null && slot.isLoaded();
	}

	/** @param sources the sources, or {@code null} for the host's apt lists alone */
	private Loaded load(Key key, List<RepositorySource> sources, Progress progress) {
		return LOADED.computeIfAbsent(key, k -> new Slot()).get(() -> read(key.release(), key.architecture(),
				sources == null ? List.of(new RepositorySource.Host(null)) : sources, progress));
	}

	private Loaded read(String release, String architecture, List<RepositorySource> sources, Progress progress) {
		long now = System.currentTimeMillis();
		Path cache = cacheDir;
		try {
			Files.createDirectories(cache);
		} catch (IOException | RuntimeException e) {
			LOG.log(Level.FINE, "no index cache in " + cache, e);
			cache = null;
		}
		List<PackagesFile> files = new ArrayList<>();
		for (int i = 0; i < sources.size(); i++) {
			try {
				progress.checkCanceled();
				files.addAll(files(sources.get(i), release, architecture, cache, progress));
			} catch (java.util.concurrent.CancellationException e) {
				throw e;
			} catch (RepositoryMismatchException e) {
				return new Loaded(null, e.getMessage(), i, true, now);
			} catch (IOException | RuntimeException e) {
				LOG.log(Level.FINE, "no index of " + id(sources.get(i)), e);
				return new Loaded(null, message(e), i, false, now);
			}
		}
		try {
			long start = System.nanoTime();
			progress.task("Reading the package lists of " + release + " " + architecture);
			DebianIndex index = DebianIndex.open(release, architecture, files, cache, progress);
			LOG.fine(() -> "loaded " + index + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			return new Loaded(index, null, 0, false, now);
		} catch (java.util.concurrent.CancellationException e) {
			throw e;
		} catch (IOException | RuntimeException e) {
			LOG.log(Level.FINE, "cannot load the index of " + release + " " + architecture, e);
			return new Loaded(null, message(e), 0, false, now);
		}
	}

	private List<PackagesFile> files(RepositorySource source, String release, String architecture, Path cache, Progress progress)
			throws IOException {
		if (source instanceof RepositorySource.Mirror mirror) {
			URI uri;
			try {
				uri = URI.create(mirror.url());
			} catch (IllegalArgumentException e) {
				throw new RepositoryMismatchException(mirror.url(), "it is not a valid address (" + e.getMessage() + ").");
			}
			if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
				throw new RepositoryMismatchException(mirror.url(), "VSE Studio fetches repositories over http or https; write the address as 'http://HOST/PATH'.");
			}
			if (cache == null) {
				throw new IOException(cacheDir + ": the cache folder for fetched repositories cannot be created.");
			}
			List<PackagesFile> files = new RepositoryFetcher(cache).fetch(uri, mirror.suite(), mirror.components(), architecture,
					progress);
			for (PackagesFile f : files) {
				String codename = f.repository().codename();
				boolean serves = codename.equals(release) || codename.startsWith(release + "-");
				if (!serves && !codename.equals(mirror.suite())) {
					throw new RepositoryMismatchException(mirror.url(), "suite '" + mirror.suite() + "' is release " + codename
							+ ", not " + release + ".");
				}
			}
			return files;
		}
		return AptLists.scan(aptLists, aptConfiguration).select(release, architecture).files();
	}

	private static String message(Exception e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/** @return what identifies a source in the key of its index */
	private static String id(RepositorySource source) {
		if (source instanceof RepositorySource.Mirror m) {
			return m.url() + " " + m.suite() + " " + String.join(" ", m.components());
		}
		return "host";
	}
}
