package org.vsestudio.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.vsestudio.dsl.VseStandaloneSetup;
import org.vsestudio.dsl.ide.diagram.TopologySvg;
import org.vsestudio.dsl.vse.MachineSet;
import org.vsestudio.dsl.vse.Model;
import org.vsestudio.packages.AtomicFiles;

/**
 * {@code vse diagram FILE [--machines NAME] [-o OUT.svg]}: draws a machine set's topology
 * as SVG, the picture the IDE's Topology view shows.
 */
final class DiagramCommand implements Command {

    @Override
    public String name() {
        return "diagram";
    }

    @Override
    public String synopsis() {
        return "FILE [--machines NAME] [-o OUT.svg]";
    }

    @Override
    public String summary() {
        return "draw a machine set's topology as SVG";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        String name = null;
        String output = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--machines") || a.equals("-o")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("'" + a + "' needs a value.");
                }
                if (a.equals("-o")) {
                    output = args.get(++i);
                } else {
                    name = args.get(++i);
                }
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'; 'vse help diagram' shows the options.");
            } else if (file == null) {
                file = a;
            } else {
                throw new UsageException("name one .vse file; '" + a + "' is one too many.");
            }
        }
        if (file == null) {
            throw new UsageException("name the .vse file that holds the machine set.");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("'" + file + "' does not exist.");
        }
        XtextResourceSet set = new VseStandaloneSetup().createInjectorAndDoEMFRegistration().getInstance(XtextResourceSet.class);
        Resource resource = set.getResource(URI.createFileURI(path.toAbsolutePath().toString()), true);
        List<MachineSet> machineSets = new ArrayList<>();
        if (!resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Model model) {
            model.getDeclarations().stream().filter(MachineSet.class::isInstance).map(MachineSet.class::cast).forEach(machineSets::add);
        }
        if (machineSets.isEmpty()) {
            throw new UsageException("'" + file + "' declares no machine set.");
        }
        MachineSet chosen;
        if (name != null) {
            String wanted = name;
            String where = file;
            chosen = machineSets.stream().filter(m -> wanted.equals(m.getName())).findFirst().orElseThrow(() -> new UsageException(
                    "'" + where + "' has no machine set '" + wanted + "'; it has " + names(machineSets) + "."));
        } else if (machineSets.size() == 1) {
            chosen = machineSets.get(0);
        } else {
            throw new UsageException("'" + file + "' has several machine sets (" + names(machineSets) + "); choose one with --machines.");
        }
        String svg = TopologySvg.render(chosen);
        if (output == null) {
            out.print(svg);
        } else {
            AtomicFiles.writeString(Path.of(output), svg);
            err.println("Wrote the topology of " + chosen.getName() + " to " + output + ".");
        }
        return OK;
    }

    private static String names(List<MachineSet> sets) {
        return String.join(", ", sets.stream().map(MachineSet::getName).toList());
    }
}
