package org.vsestudio.architecture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md that keep the house livable, checked on the manifests
 * of every bundle in the source tree: the headless core never needs the workbench, JSch
 * stays in one bundle, and each bundle depends only on the bundles it may depend on.
 */
class ManifestRulesTest {

    private static final Path BUNDLES = Path.of("../../bundles").toAbsolutePath().normalize();

    /** Bundles that may use the workbench; every other bundle runs on a plain JVM. */
    private static final Set<String> UI_BUNDLES = Set.of("org.vsestudio.ui", "org.vsestudio.diagram.ui");

    /** Workbench prefixes a headless bundle must not require or import. */
    private static final List<String> UI_PREFIXES = List.of("org.eclipse.ui", "org.eclipse.jface", "org.eclipse.swt",
            "org.eclipse.debug.ui", "org.eclipse.e4.ui");

    /** Our bundles each headless bundle may depend on (the table of architecture.md). */
    private static final Map<String, Set<String>> MAY_DEPEND_ON = Map.of(
            "org.vsestudio.packages", Set.of(),
            "org.vsestudio.dsl", Set.of("org.vsestudio.packages"),
            "org.vsestudio.dsl.ide", Set.of("org.vsestudio.dsl", "org.vsestudio.packages"),
            "org.vsestudio.image", Set.of("org.vsestudio.packages"),
            "org.vsestudio.vm", Set.of(),
            "org.vsestudio.remote", Set.of(),
            "org.vsestudio.cluster", Set.of("org.vsestudio.remote", "org.vsestudio.vm", "org.vsestudio.image", "org.vsestudio.packages"));

    @Test
    void headlessBundlesDoNotNeedTheWorkbench() throws IOException {
        Map<String, Manifest> manifests = manifests();
        assertTrue(manifests.size() >= 8, "expected the bundles of architecture.md under " + BUNDLES + ", found " + manifests.keySet());
        List<String> violations = new ArrayList<>();
        manifests.forEach((bundle, manifest) -> {
            if (!UI_BUNDLES.contains(bundle)) {
                violations.addAll(uiDependencies(bundle, manifest));
            }
        });
        assertEquals(List.of(), violations, "headless bundles must run without the workbench");
    }

    @Test
    void onlyRemoteUsesJsch() throws IOException {
        List<String> violations = new ArrayList<>();
        manifests().forEach((bundle, manifest) -> {
            if (!bundle.equals("org.vsestudio.remote")) {
                dependencies(manifest).stream().filter(d -> d.startsWith("com.jcraft.jsch"))
                        .forEach(d -> violations.add(bundle + " depends on " + d));
            }
        });
        assertEquals(List.of(), violations, "JSch stays behind RemoteSession in org.vsestudio.remote");
    }

    @Test
    void bundlesDependOnlyOnWhatTheArchitectureAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        manifests().forEach((bundle, manifest) -> {
            Set<String> allowed = MAY_DEPEND_ON.get(bundle);
            if (allowed == null) {
                return; // cli, launch and the UI bundles may use every headless bundle
            }
            for (String dependency : requiredBundles(manifest)) {
                if (dependency.startsWith("org.vsestudio.") && !allowed.contains(dependency)) {
                    violations.add(bundle + " requires " + dependency);
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    @Test
    void everyBundleFolderIsBuilt() throws IOException {
        String aggregator = Files.readString(BUNDLES.resolve("pom.xml"));
        for (String bundle : manifests().keySet()) {
            assertTrue(aggregator.contains("<module>" + bundle + "</module>"), bundle + " is not a module of bundles/pom.xml");
        }
    }

    /** The check itself must catch a violation, or the tests above prove nothing. */
    @Test
    void theRuleCatchesAWorkbenchDependency() throws IOException {
        String text = "Manifest-Version: 1.0\nBundle-SymbolicName: org.vsestudio.image\n"
                + "Require-Bundle: org.eclipse.core.runtime,\n org.eclipse.ui.ide;bundle-version=\"[3.0.0,4.0.0)\"\n"
                + "Import-Package: org.eclipse.jface.text;version=\"3.0.0\",org.osgi.framework\n\n";
        Manifest m = new Manifest(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(List.of("org.vsestudio.image depends on org.eclipse.ui.ide", "org.vsestudio.image depends on org.eclipse.jface.text"),
                uiDependencies("org.vsestudio.image", m));
        assertFalse(dependencies(m).contains("org.osgi.framework;"));
    }

    private static List<String> uiDependencies(String bundle, Manifest manifest) {
        List<String> found = new ArrayList<>();
        for (String d : dependencies(manifest)) {
            if (UI_PREFIXES.stream().anyMatch(p -> d.equals(p) || d.startsWith(p + "."))) {
                found.add(bundle + " depends on " + d);
            }
        }
        return found;
    }

    private static List<String> dependencies(Manifest manifest) {
        List<String> all = new ArrayList<>(requiredBundles(manifest));
        all.addAll(names(manifest.getMainAttributes().getValue("Import-Package")));
        return all;
    }

    private static List<String> requiredBundles(Manifest manifest) {
        return names(manifest.getMainAttributes().getValue("Require-Bundle"));
    }

    /** The names of an OSGi header's clauses: commas inside quotes separate nothing. */
    static List<String> names(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String name = clause.toString().split(";")[0].trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    private static Map<String, Manifest> manifests() throws IOException {
        Map<String, Manifest> result = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(BUNDLES)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("META-INF/MANIFEST.MF"))).toList()) {
                try (InputStream in = Files.newInputStream(dir.resolve("META-INF/MANIFEST.MF"))) {
                    Manifest m = new Manifest(in);
                    String name = m.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
                    assertEquals(dir.getFileName().toString(), name, "a bundle's folder is named after the bundle");
                    result.put(name, m);
                }
            }
        }
        return result;
    }

}
