package org.vsestudio.ui.project;

import java.util.List;
import java.util.Optional;

import org.eclipse.xtext.util.Modules2;
import org.vsestudio.dsl.VseRuntimeModule;
import org.vsestudio.dsl.evaluation.EffectiveEnvironment;
import org.vsestudio.dsl.evaluation.RepositorySource;
import org.vsestudio.dsl.ide.VseIdeModule;
import org.vsestudio.dsl.ide.VseIdeSetup;
import org.vsestudio.dsl.validation.IndexProvider;
import org.vsestudio.packages.RepositoryIndex;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * The language's injector for the builder: the runtime module, with the repository index
 * cached where the preferences say, and {@code repositories from host} read from the
 * preferences' mirror when one is set.
 *
 * <p>There is one injector: Xtext registers a language's validators once per process (the
 * first injector's win), so the index provider of a second injector would never be asked.
 * The provider therefore follows the preference itself.
 */
public final class VseLanguage {

    private static Injector injector;

    private VseLanguage() {
    }

    /**
     * @return the one injector of the language and its IDE services in this workbench, shared
     *         by the builder and the editor, created on first use
     */
    public static synchronized Injector injector() {
        if (injector == null) {
            injector = new VseIdeSetup() {
                @Override
                public Injector createInjector() {
                    return Guice.createInjector(com.google.inject.util.Modules.override(Modules2.mixin(new VseRuntimeModule(), new VseIdeModule()))
                            .with(binder -> binder.bind(IndexProvider.class).toInstance(new PreferredIndexProvider())));
                }
            }.createInjectorAndDoEMFRegistration();
            IndexRefresh.start();
        }
        return injector;
    }

    /**
     * The host's index, cached in the folder the preferences name at the time of asking, each
     * index loaded by its own job ({@link IndexLoading}): a lookup does not wait for it unless
     * it is a build's.
     */
    static final class PreferredIndexProvider implements IndexProvider {

        @Override
        public Optional<RepositoryIndex> index(EffectiveEnvironment environment) {
            return lookup(environment).index();
        }

        @Override
        public Lookup lookup(EffectiveEnvironment environment) {
            return IndexLoading.lookup(mirrored(environment));
        }

        /** @return {@code environment} with {@code repositories from host} replaced by the preferences' mirror, if one is set */
        private static EffectiveEnvironment mirrored(EffectiveEnvironment e) {
            Optional<VsePreferences.Mirror> mirror = VsePreferences.mirror();
            if (mirror.isEmpty() || e.repositories().stream().noneMatch(RepositorySource.Host.class::isInstance)) {
                return e;
            }
            List<RepositorySource> sources = e.repositories().stream()
                    .map(r -> r instanceof RepositorySource.Host host
                            ? (RepositorySource) new RepositorySource.Mirror(mirror.get().url(), mirror.get().suite(), mirror.get().components(),
                                    host.origin())
                            : r)
                    .toList();
            return new EffectiveEnvironment(e.name(), e.origin(), e.bases(), e.complete(), e.distribution(), e.architecture(), sources,
                    e.packages(), e.files(), e.run(), e.users(), e.bootOptions(), e.reserved(), e.minimumProtection());
        }

        @Override
        public Optional<RepositoryIndex> hostIndex(String distribution, String release, String architecture) {
            return IndexLoading.hostIndex(distribution, release, architecture);
        }
    }
}
