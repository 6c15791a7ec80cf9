package org.vsestudio.ui.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.index.HostIndexProvider;
import org.vsestudio.dsl.validation.IndexProvider.Lookup;
import org.vsestudio.dsl.validation.IndexProvider.Unavailable;
import org.vsestudio.packages.AptLists;
import org.vsestudio.packages.Progress;
import org.vsestudio.packages.RepositoryIndex;
import org.vsestudio.ui.editor.VseReconciler;

/**
 * Loading a package index is its own job, "Loading package index of debian bookworm amd64",
 * shown in the Progress view and cancellable there. Whoever needs an index that is not in
 * memory yet does not wait for it: the editor's checks, hover and completion go on without
 * the index (they say nothing about packages) and the open editors are checked again when
 * the job is done. Only a build waits for the job (in its own thread; cancelling the build
 * stops the waiting). Reloading (the preference page's button, or the refresh policy of
 * {@link IndexRefresh}) forgets the loaded indexes, loads them again, then checks the open
 * editors and builds the VSE projects again.
 */
public final class IndexLoading {

	/** The family of the loading jobs. */
	public static final Object FAMILY = IndexLoading.class;

	private static final ThreadLocal<IProgressMonitor> WAITING = new ThreadLocal<>();

	/** The jobs by index ("debian bookworm amd64"), and how to load each index again. */
	private static final Map<String, LoadJob> JOBS = new LinkedHashMap<>();
	private static final Map<String, Consumer<Progress>> LOADERS = new LinkedHashMap<>();

	private static HostIndexProvider provider;
	private static volatile long loadedAt;
	private static volatile String listsAtLoad;

	private IndexLoading() {
	}

	/** @return the host's index provider, with its cache in the folder the preferences name now */
	static synchronized HostIndexProvider provider() {
		Path cache = VsePreferences.indexCacheDirectory().toAbsolutePath().normalize();
		if (provider == null || !provider.cacheDirectory().equals(cache)) {
			provider = new HostIndexProvider(cache, AptLists.DEFAULT_LISTS, AptLists.DEFAULT_ETC);
		}
		return provider;
	}

	/** @return whether the host's index of that release and architecture is in memory now */
	public static boolean hostIndexLoaded(String distribution, String release, String architecture) {
		return provider().toLoadHost(distribution, release, architecture).isEmpty();
	}

	/**
	 * Runs {@code work} (a build) so that index lookups in this thread wait for the loading
	 * jobs, until {@code monitor} is cancelled.
	 */
	public static <T, E extends Exception> T waiting(IProgressMonitor monitor, Work<T, E> work) throws E {
		IProgressMonitor before = WAITING.get();
		WAITING.set(monitor == null ? new NullProgressMonitor() : monitor);
		try {
			return work.run();
		} finally {
			WAITING.set(before);
		}
	}

	/** Work that may throw {@code E}. */
	@FunctionalInterface
	public interface Work<T, E extends Exception> {
		T run() throws E;
	}

	/** The index of {@code environment}: at once if it is loaded, else after its job if this thread waits, else none yet. */
	static Lookup lookup(EffectiveEnvironment environment) {
		HostIndexProvider p = provider();
		Optional<String> pending = p.toLoad(environment);
		if (pending.isEmpty()) {
			return p.lookup(environment);
		}
		LoadJob job = request(pending.get(), progress -> p.lookup(environment, progress));
		if (!await(job)) {
			return environment.repositories().isEmpty() ? Lookup.NONE
					: Lookup.unavailable(new Unavailable("the loading of the package index of " + pending.get()
							+ " was cancelled (Window › Preferences › VSE › Reload package index now loads it).", false,
							environment.repositories().get(0).origin()));
		}
		if (p.toLoad(environment).isPresent() && WAITING.get() == null) {
			return Lookup.NONE; // being loaded: the open editors are checked again when it is
		}
		return p.lookup(environment);
	}

	/** The host's index of a release, for completion where there is no environment; empty while it loads. */
	static Optional<RepositoryIndex> hostIndex(String distribution, String release, String architecture) {
		HostIndexProvider p = provider();
		Optional<String> pending = p.toLoadHost(distribution, release, architecture);
		if (pending.isPresent()) {
			LoadJob job = request(pending.get(), progress -> p.hostIndex(distribution, release, architecture, progress));
			if (!await(job) || p.toLoadHost(distribution, release, architecture).isPresent()) {
				return Optional.empty();
			}
		}
		return p.hostIndex(distribution, release, architecture);
	}

	/** @return whether the index is there to be looked up (not cancelled), having waited if this thread waits */
	private static boolean await(LoadJob job) {
		IProgressMonitor monitor = WAITING.get();
		if (monitor == null) {
			return !job.cancelled();
		}
		try {
			job.join(0, monitor);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new OperationCanceledException();
		}
		if (monitor.isCanceled()) {
			throw new OperationCanceledException();
		}
		return !job.cancelled();
	}

	/**
	 * @return the job loading {@code description}, scheduled unless it runs already or was
	 *         cancelled (then only a reload loads it again)
	 */
	private static synchronized LoadJob request(String description, Consumer<Progress> loader) {
		LOADERS.put(description, loader);
		LoadJob job = JOBS.get(description);
		if (job == null || job.getState() == Job.NONE && job.getResult() != null && !job.cancelled()) {
			job = new LoadJob(description, loader, false);
			JOBS.put(description, job);
			job.schedule();
		}
		return job;
	}

	/**
	 * Forgets the loaded indexes and loads them again (the host's bookworm amd64 index if none
	 * was loaded), each in its job; then checks the open editors and builds the VSE projects
	 * again.
	 *
	 * @return the jobs started
	 */
	public static synchronized List<Job> reload() {
		HostIndexProvider p = provider();
		List<String> forgotten = p.forget();
		Map<String, Consumer<Progress>> loaders = new LinkedHashMap<>();
		for (String description : forgotten) {
			if (LOADERS.containsKey(description)) {
				loaders.put(description, LOADERS.get(description));
			}
		}
		if (loaders.isEmpty()) {
			String release = HostIndexProvider.DEFAULT_RELEASE;
			String architecture = HostIndexProvider.DEFAULT_ARCHITECTURE;
			loaders.put(p.toLoadHost("debian", release, architecture).orElse("debian " + release + " " + architecture),
					progress -> provider().hostIndex("debian", release, architecture, progress));
		}
		List<Job> started = new ArrayList<>();
		for (Map.Entry<String, Consumer<Progress>> entry : loaders.entrySet()) {
			LoadJob old = JOBS.get(entry.getKey());
			if (old != null) {
				old.cancel();
			}
			LoadJob job = new LoadJob(entry.getKey(), entry.getValue(), true);
			JOBS.put(entry.getKey(), job);
			job.schedule();
			started.add(job);
		}
		return started;
	}

	/** @return when an index was last read (ms since the epoch), 0 if never */
	static long loadedAt() {
		return loadedAt;
	}

	/** @return the fingerprint of the host's apt lists when an index was last read, or {@code null} */
	static String listsAtLoad() {
		return listsAtLoad;
	}

	/** One index being loaded. */
	private static final class LoadJob extends Job {
		private final Consumer<Progress> loader;
		private final boolean rebuild;
		private volatile boolean cancelled;

		LoadJob(String description, Consumer<Progress> loader, boolean rebuild) {
			super("Loading package index of " + description);
			this.loader = loader;
			this.rebuild = rebuild;
			setUser(false);
			setPriority(Job.LONG);
		}

		@Override
		public boolean belongsTo(Object family) {
			return family == FAMILY;
		}

		@Override
		protected IStatus run(IProgressMonitor monitor) {
			monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
			listsAtLoad = IndexRefresh.fingerprint(AptLists.DEFAULT_LISTS);
			try {
				loader.accept(new Progress() {
					@Override
					public void task(String name) {
						monitor.subTask(name);
					}

					@Override
					public boolean isCanceled() {
						return monitor.isCanceled();
					}
				});
			} catch (CancellationException | OperationCanceledException e) {
				cancelled = true;
				return Status.CANCEL_STATUS;
			} finally {
				monitor.done();
			}
			loadedAt = System.currentTimeMillis();
			afterLoad(rebuild);
			return Status.OK_STATUS;
		}

		@Override
		protected void canceling() {
			cancelled = true;
		}

		/** @return whether it was cancelled, running or before it ran */
		boolean cancelled() {
			IStatus result = getResult();
			return cancelled || result != null && result.getSeverity() == IStatus.CANCEL;
		}
	}

	/** The open editors are checked again; after a reload, the VSE projects are built again. */
	private static void afterLoad(boolean rebuild) {
		Display display = Display.getDefault();
		if (display != null && !display.isDisposed()) {
			display.asyncExec(VseReconciler::recheckAll);
		}
		if (rebuild) {
			WorkspaceJob build = new WorkspaceJob("Checking the VSE projects against the reloaded package index") {
				@Override
				public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
					for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
						if (project.isOpen() && project.hasNature(VseNature.ID)) {
							project.build(IncrementalProjectBuilder.FULL_BUILD, VseBuilder.ID, null, monitor);
						}
					}
					return Status.OK_STATUS;
				}

				@Override
				public boolean belongsTo(Object family) {
					return family == ResourcesPlugin.FAMILY_MANUAL_BUILD;
				}
			};
			build.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().buildRule());
			build.schedule();
		}
	}
}
