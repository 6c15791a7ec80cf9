package org.vsestudio.ui.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.vsestudio.packages.AptLists;

/**
 * The refresh policy of the package index ({@link VsePreferences#INDEX_REFRESH}): a system job
 * looks every {@link #POLL_MILLIS} at what the policy asks for and reloads the index
 * ({@link IndexLoading#reload()}) when the host's apt lists changed since the index was
 * read, or when it is older than the preferred number of hours. Manual: only the preference
 * page's button reloads.
 */
public final class IndexRefresh {

	/** How often the policy is looked at. */
	public static final long POLL_MILLIS = 30_000;

	private static Job watcher;

	private IndexRefresh() {
	}

	/** Starts looking at the policy, once per workbench. */
	static synchronized void start() {
		if (watcher != null) {
			return;
		}
		watcher = new Job("Watching the host's apt lists for the VSE package index") {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				if (due(VsePreferences.indexRefresh(), VsePreferences.indexRefreshHours(), IndexLoading.loadedAt(),
						IndexLoading.listsAtLoad(), fingerprint(AptLists.DEFAULT_LISTS), System.currentTimeMillis())) {
					IndexLoading.reload();
				}
				schedule(POLL_MILLIS);
				return Status.OK_STATUS;
			}
		};
		watcher.setSystem(true);
		watcher.schedule(POLL_MILLIS);
	}

	/**
	 * @param policy one of {@link VsePreferences#REFRESH_ON_CHANGE}, {@link VsePreferences#REFRESH_EVERY},
	 *            {@link VsePreferences#REFRESH_MANUAL}
	 * @param loadedAt when an index was last read, 0 if never (then nothing is due: it is read when needed)
	 * @param listsAtLoad the fingerprint of the apt lists then
	 * @param listsNow their fingerprint now
	 * @return whether the index is to be reloaded now
	 */
	public static boolean due(String policy, int hours, long loadedAt, String listsAtLoad, String listsNow, long now) {
		if (loadedAt == 0) {
			return false;
		}
		return switch (policy) {
		case VsePreferences.REFRESH_ON_CHANGE -> listsAtLoad != null && !listsAtLoad.equals(listsNow);
		case VsePreferences.REFRESH_EVERY -> now - loadedAt >= Math.max(1, hours) * 3_600_000L;
		default -> false;
		};
	}

	/**
	 * @return a digest of the names, sizes and modification times of the files in
	 *         {@code lists} (apt's lists folder, not its {@code partial} folder or lock), which
	 *         changes when {@code apt update} changes a list; "" if it cannot be read
	 */
	public static String fingerprint(Path lists) {
		try (Stream<Path> files = Files.list(lists)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			List<Path> sorted = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("lock")).sorted().toList();
			for (Path f : sorted) {
				BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
				digest.update((f.getFileName() + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\n").getBytes());
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (IOException | NoSuchAlgorithmException e) {
			return "";
		}
	}
}
