package org.vsestudio.ui.project;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IScopeContext;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.core.runtime.Platform;
import org.vsestudio.dsl.index.HostIndexProvider;

/**
 * The VSE preferences of a workspace, kept in the instance scope of {@code org.vsestudio.ui}:
 * where the repository index is cached, the repositories that stand in for
 * {@code repositories from host}, the default hypervisor connection, the folders of site
 * bases the builder links against, the formatter's indentation, and when the package index
 * is read again.
 */
public final class VsePreferences {

    /** The preference node: the bundle's name. */
    public static final String QUALIFIER = "org.vsestudio.ui";

    /** Folder of the repository index cache; empty for {@link HostIndexProvider#defaultCacheDirectory()}. */
    public static final String INDEX_CACHE = "index.cacheDirectory";
    /** Whether {@link #MIRROR_URL} replaces the host's own repositories ({@code repositories from host}). */
    public static final String MIRROR_ENABLED = "index.mirror.enabled";
    /** A mirror's address, e.g. a site's Debian mirror. */
    public static final String MIRROR_URL = "index.mirror.url";
    /** The mirror's suite, e.g. {@code bookworm}. */
    public static final String MIRROR_SUITE = "index.mirror.suite";
    /** The mirror's components, separated by spaces, e.g. {@code main contrib}. */
    public static final String MIRROR_COMPONENTS = "index.mirror.components";
    /** The hypervisor connection a sandbox uses unless its launch says otherwise. */
    public static final String HYPERVISOR_URI = "hypervisor.uri";
    /** Folders, one per line, whose {@code .vse} files every VSE project links against. */
    public static final String SITE_BASES = "build.siteBases";
    /** When the package index is read again: {@link #REFRESH_ON_CHANGE}, {@link #REFRESH_EVERY} or {@link #REFRESH_MANUAL}. */
    public static final String INDEX_REFRESH = "index.refresh";
    /** Reload the package index when the host's apt lists change. */
    public static final String REFRESH_ON_CHANGE = "aptListsChange";
    /** Reload the package index every {@link #INDEX_REFRESH_HOURS} hours. */
    public static final String REFRESH_EVERY = "everyHours";
    /** Reload the package index only when asked. */
    public static final String REFRESH_MANUAL = "manual";
    /** The hours of {@link #REFRESH_EVERY}. */
    public static final String INDEX_REFRESH_HOURS = "index.refresh.hours";
    /** Spaces per indentation level when formatting; 0 for a tab. */
    public static final String INDENTATION = "format.indentation";

    private VsePreferences() {
    }

    /** @return the preferences of the workspace */
    public static IEclipsePreferences instance() {
        return InstanceScope.INSTANCE.getNode(QUALIFIER);
    }

    private static String get(String key) {
        IScopeContext[] scopes = { InstanceScope.INSTANCE, DefaultScope.INSTANCE };
        return Platform.getPreferencesService().getString(QUALIFIER, key, "", scopes);
    }

    /** @return the folder of the index cache the builder's validation uses */
    public static Path indexCacheDirectory() {
        String value = get(INDEX_CACHE).strip();
        return value.isEmpty() ? HostIndexProvider.defaultCacheDirectory() : Path.of(value);
    }

    /** @return the folders of site bases, those that are written */
    public static List<Path> siteBases() {
        List<Path> dirs = new ArrayList<>();
        for (String line : get(SITE_BASES).split("[\\n" + File.pathSeparator + "]")) {
            if (!line.isBlank()) {
                dirs.add(Path.of(line.strip()));
            }
        }
        return dirs;
    }

    /** A repository that stands in for the host's: its address, suite and components. */
    public record Mirror(String url, String suite, List<String> components) {
    }

    /** @return the mirror that replaces {@code repositories from host}, if it is enabled and has an address */
    public static Optional<Mirror> mirror() {
        IScopeContext[] scopes = { InstanceScope.INSTANCE, DefaultScope.INSTANCE };
        boolean enabled = Platform.getPreferencesService().getBoolean(QUALIFIER, MIRROR_ENABLED, false, scopes);
        String url = get(MIRROR_URL).strip();
        if (!enabled || url.isEmpty()) {
            return Optional.empty();
        }
        String suite = get(MIRROR_SUITE).strip();
        List<String> components = List.of(get(MIRROR_COMPONENTS).strip().split("[\\s,]+"));
        return Optional.of(new Mirror(url, suite.isEmpty() ? HostIndexProvider.DEFAULT_RELEASE : suite,
                components.size() == 1 && components.get(0).isEmpty() ? List.of("main") : components));
    }

    /** @return the refresh policy of the package index, {@link #REFRESH_ON_CHANGE} unless set */
    public static String indexRefresh() {
        String value = get(INDEX_REFRESH).strip();
        return value.isEmpty() ? REFRESH_ON_CHANGE : value;
    }

    /** @return the hours of {@link #REFRESH_EVERY} */
    public static int indexRefreshHours() {
        IScopeContext[] scopes = { InstanceScope.INSTANCE, DefaultScope.INSTANCE };
        return Platform.getPreferencesService().getInt(QUALIFIER, INDEX_REFRESH_HOURS, 24, scopes);
    }

    /** @return the default hypervisor connection */
    public static String hypervisorUri() {
        return get(HYPERVISOR_URI);
    }

    /** Puts the defaults in the default scope. */
    public static final class Defaults extends AbstractPreferenceInitializer {
        @Override
        public void initializeDefaultPreferences() {
            IEclipsePreferences node = DefaultScope.INSTANCE.getNode(QUALIFIER);
            node.put(INDEX_CACHE, "");
            node.putBoolean(MIRROR_ENABLED, false);
            node.put(MIRROR_URL, "");
            node.put(MIRROR_SUITE, HostIndexProvider.DEFAULT_RELEASE);
            node.put(MIRROR_COMPONENTS, "main");
            node.put(HYPERVISOR_URI, "qemu:///session");
            node.put(SITE_BASES, "");
            node.putInt(INDENTATION, 4);
            node.put(INDEX_REFRESH, REFRESH_ON_CHANGE);
            node.putInt(INDEX_REFRESH_HOURS, 24);
        }
    }
}
