package org.vsestudio.launch;

import java.io.File;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The class path of a headless bundle outside OSGi: the bundle and every bundle it is
 * wired to, transitively, as the files the framework loaded them from. This is how the IDE
 * runs the {@code vse} command line in its own JVM without a second copy of its jars.
 */
public final class HeadlessClasspath {

    private HeadlessClasspath() {
    }

    /** @return the files of {@code root} and every bundle it is wired to, for a plain {@code java -cp} */
    public static List<String> of(Bundle root) throws CoreException {
        Set<Bundle> seen = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Bundle b = todo.pop();
            if (b.getBundleId() == 0 || !seen.add(b)) {
                continue; // the system bundle is the JVM itself
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                todo.add(wire.getProvider().getBundle());
            }
        }
        Set<String> entries = new LinkedHashSet<>();
        for (Bundle b : seen) {
            File file = FileLocator.getBundleFileLocation(b).orElseThrow(() -> new CoreException(Status.error(
                    "The bundle " + b.getSymbolicName() + " is not a file on this machine, so vse cannot run outside the IDE.")));
            entries.add(file.getAbsolutePath());
            File classes = new File(file, "target/classes");
            if (file.isDirectory() && classes.isDirectory()) {
                entries.add(classes.getAbsolutePath()); // a bundle run from its project folder
            }
        }
        return List.copyOf(entries);
    }
}
