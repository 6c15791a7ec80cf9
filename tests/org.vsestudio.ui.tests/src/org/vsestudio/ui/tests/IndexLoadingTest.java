package org.vsestudio.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Button;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsestudio.tests.common.Workbenches;
import org.vsestudio.ui.editor.VseReconciler;
import org.vsestudio.ui.project.IndexLoading;
import org.vsestudio.ui.project.IndexRefresh;
import org.vsestudio.ui.project.VseBuilder;
import org.vsestudio.ui.project.VsePreferences;

/** The package index: loaded by its own job, reloaded from the preference page, and when its refresh policy says. */
class IndexLoadingTest {

	@Test
	void reloadNowRunsTheLoadingJobThenChecksEditorsAndProjectsAgain() throws Exception {
		IWorkbenchPage page = ExampleEditors.page();
		ITextEditor editor = ExampleEditors.open("climate.vse");
		IProject project = ExampleEditors.file("climate.vse").getProject();
		List<String> jobs = new CopyOnWriteArrayList<>();
		List<IStatus> results = new CopyOnWriteArrayList<>();
		JobChangeAdapter listener = new JobChangeAdapter() {
			@Override
			public void running(IJobChangeEvent event) {
				jobs.add(event.getJob().getName());
			}

			@Override
			public void done(IJobChangeEvent event) {
				if (event.getJob().belongsTo(IndexLoading.FAMILY)) {
					results.add(event.getResult());
				}
			}
		};
		List<Long> checks = new CopyOnWriteArrayList<>();
		Consumer<Long> check = checks::add;
		PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell(), "org.vsestudio.ui.preferences", null, null);
		dialog.setBlockOnOpen(false);
		try {
			Workbenches.waitFor(() -> !editor.isDirty(), 1_000);
			Job.getJobManager().join(IndexLoading.FAMILY, null);
			Workbenches.settle(500);
			long markerStamp = markerCreation(project);
			dialog.open();
			Workbenches.settle(500);
			Button reload = Widgets.button(dialog.getShell(), "Reload package index now");
			assertNotNull(reload, "the VSE page has the Reload package index now button");
			assertNotNull(Widgets.button(dialog.getShell(), "When the host's apt lists change"), "the refresh policy");
			assertNotNull(Widgets.button(dialog.getShell(), "Every number of hours below"), "the refresh policy");
			assertNotNull(Widgets.button(dialog.getShell(), "Manually"), "the refresh policy");
			assertTrue(Widgets.button(dialog.getShell(), "When the host's apt lists change").getSelection(), "the default policy");
			Workbenches.screenshot(dialog.getShell(), "index-preferences.png");

			Job.getJobManager().addJobChangeListener(listener);
			VseReconciler.TIMINGS.add(check);
			long started = System.nanoTime();
			Widgets.press(reload);
			long pressMillis = (System.nanoTime() - started) / 1_000_000;
			System.out.println("[IndexLoadingTest] the button returned in " + pressMillis + " ms");
			assertTrue(pressMillis < 1_000, "the UI thread does not wait for the loading: " + pressMillis + " ms");
			Workbenches.screenshot(dialog.getShell(), "index-reloading.png");
			Workbenches.waitFor(() -> !results.isEmpty(), 120_000);
			assertTrue(jobs.contains("Loading package index of debian bookworm amd64"), jobs.toString());
			assertEquals(IStatus.OK, results.get(0).getSeverity(), results.toString());

			// then the open editor is checked again, and the project built again
			Workbenches.waitFor(() -> !checks.isEmpty(), 30_000);
			Workbenches.waitFor(() -> jobs.stream().anyMatch(j -> j.startsWith("Checking the VSE projects")), 30_000);
			Job.getJobManager().join(org.eclipse.core.resources.ResourcesPlugin.FAMILY_MANUAL_BUILD, null);
			assertTrue(markerCreation(project) > markerStamp, "the project's markers were made again");
			System.out.println("[IndexLoadingTest] jobs: " + jobs);
		} finally {
			Job.getJobManager().removeJobChangeListener(listener);
			VseReconciler.TIMINGS.remove(check);
			dialog.close();
			page.closeEditor(editor, false);
		}
	}

	@Test
	void cancellingTheLoadingJobLeavesTheBuildWithAWarningAndReloadLoadsIt() throws Exception {
		IProject project = ExampleEditors.file("climate.vse").getProject();
		Job.getJobManager().join(IndexLoading.FAMILY, null);
		List<Job> started = IndexLoading.reload();
		assertFalse(started.isEmpty());
		started.forEach(Job::cancel);
		Job.getJobManager().join(IndexLoading.FAMILY, null);
		Job.getJobManager().join(org.eclipse.core.resources.ResourcesPlugin.FAMILY_MANUAL_BUILD, null);
		boolean cancelled = started.stream().anyMatch(j -> j.getResult() != null && j.getResult().getSeverity() == IStatus.CANCEL);
		// a cancel that comes after the index reached memory leaves it there, and builds use it
		boolean missing = !IndexLoading.hostIndexLoaded("debian", "bookworm", "amd64");
		if (cancelled && missing) {
			project.build(org.eclipse.core.resources.IncrementalProjectBuilder.FULL_BUILD, null);
			IMarker[] markers = project.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE);
			assertTrue(java.util.Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("was cancelled")),
					"the build says the index was not loaded");
		} else {
			System.out.println("[IndexLoadingTest] the index was loaded before the loading could be cancelled");
		}
		IndexLoading.reload();
		Job.getJobManager().join(IndexLoading.FAMILY, null);
		Job.getJobManager().join(org.eclipse.core.resources.ResourcesPlugin.FAMILY_MANUAL_BUILD, null);
		project.build(org.eclipse.core.resources.IncrementalProjectBuilder.FULL_BUILD, null);
		IMarker[] markers = project.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE);
		assertFalse(java.util.Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("was cancelled")),
				"reloaded, the index is there again");
	}

	@Test
	void theRefreshPolicy(@TempDir Path lists) throws Exception {
		Files.writeString(lists.resolve("deb_dists_bookworm_main_binary-amd64_Packages"), "Package: a\n");
		String before = IndexRefresh.fingerprint(lists);
		assertEquals(before, IndexRefresh.fingerprint(lists), "the same lists, the same fingerprint");
		Files.setLastModifiedTime(lists.resolve("deb_dists_bookworm_main_binary-amd64_Packages"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
		String after = IndexRefresh.fingerprint(lists);
		assertNotEquals(before, after, "an updated list changes the fingerprint");
		Files.writeString(lists.resolve("lock"), "");
		assertEquals(after, IndexRefresh.fingerprint(lists), "apt's lock is not a list");

		long now = System.currentTimeMillis();
		long hour = 3_600_000L;
		assertTrue(IndexRefresh.due(VsePreferences.REFRESH_ON_CHANGE, 24, now - hour, before, after, now));
		assertFalse(IndexRefresh.due(VsePreferences.REFRESH_ON_CHANGE, 24, now - hour, after, after, now));
		assertFalse(IndexRefresh.due(VsePreferences.REFRESH_ON_CHANGE, 24, 0, before, after, now), "nothing loaded, nothing to reload");
		assertTrue(IndexRefresh.due(VsePreferences.REFRESH_EVERY, 2, now - 3 * hour, after, after, now));
		assertFalse(IndexRefresh.due(VsePreferences.REFRESH_EVERY, 2, now - hour, before, after, now));
		assertFalse(IndexRefresh.due(VsePreferences.REFRESH_MANUAL, 2, now - 30 * hour, before, after, now));
		assertEquals(VsePreferences.REFRESH_ON_CHANGE, VsePreferences.indexRefresh());
		assertEquals(24, VsePreferences.indexRefreshHours());
	}

	private static long markerCreation(IProject project) throws Exception {
		long latest = 0;
		for (IMarker marker : project.findMarkers(VseBuilder.MARKER, true, IResource.DEPTH_INFINITE)) {
			latest = Math.max(latest, marker.getCreationTime());
		}
		return latest;
	}

	private static org.eclipse.swt.widgets.Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}
}
