package org.vsestudio.ui.project;

import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.vsestudio.dsl.VseRuntimeModule;
import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.index.HostIndexProvider;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.packages.AptLists;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;

/**
 * The language's injector for the builder: the runtime module, with the repository index
 * cached where the preferences say. It is made again when that preference changes.
 */
final class VseLanguage {

    private static Injector injector;
    private static boolean listening;

    private VseLanguage() {
    }

    static synchronized Injector injector() {
        if (!listening) {
            IPreferenceChangeListener listener = event -> {
                if (VsePreferences.INDEX_CACHE.equals(event.getKey())) {
                    reset();
                }
            };
            VsePreferences.instance().addPreferenceChangeListener(listener);
            listening = true;
        }
        if (injector == null) {
            Path cache = VsePreferences.indexCacheDirectory();
            IndexProvider provider = new HostIndexProvider(cache, AptLists.DEFAULT_LISTS, AptLists.DEFAULT_ETC);
            injector = new VseStandaloneSetup() {
                @Override
                public Injector createInjector() {
                    return Guice.createInjector(Modules.override(new VseRuntimeModule())
                            .with(binder -> binder.bind(IndexProvider.class).toInstance(provider)));
                }
            }.createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    private static synchronized void reset() {
        injector = null;
    }
}
