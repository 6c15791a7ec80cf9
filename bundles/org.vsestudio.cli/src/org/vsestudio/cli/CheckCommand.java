package org.vsestudio.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vsestudio.dsl.VseStandaloneSetup;

import com.google.gson.GsonBuilder;

/**
 * {@code vse check [--json] PATH…}: validates {@code .vse} files (folders are searched for
 * them) and prints each diagnostic as {@code file:line:column: severity: message [code]},
 * or all of them as a JSON array. Exit code 0 when no named file has an error, 1 when one
 * has, 2 on a usage or I/O problem.
 */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String synopsis() {
        return "[--json] PATH...";
    }

    @Override
    public String summary() {
        return "validate .vse files and folders, print their diagnostics";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean json = false;
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option '" + arg + "'; 'vse help check' shows the options.");
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException("name at least one .vse file or folder to check.");
        }
        VseFiles files = VseFiles.load(new VseStandaloneSetup().createInjectorAndDoEMFRegistration(), paths, VseFiles.searchPath());
        List<Diagnostic> diagnostics = files.validate();
        Path cwd = Path.of("").toAbsolutePath();
        if (json) {
            List<Map<String, Object>> array = new ArrayList<>();
            for (Diagnostic d : diagnostics) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("file", d.display(cwd));
                o.put("line", d.line());
                o.put("column", d.column());
                o.put("end", Map.of("line", d.endLine(), "column", d.endColumn()));
                o.put("severity", d.severity().word());
                o.put("code", d.code());
                o.put("message", d.message());
                array.add(o);
            }
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array));
        } else {
            diagnostics.forEach(d -> out.println(d.format(cwd)));
            long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
            long warnings = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
            err.println(files.reportedFiles().size() + (files.reportedFiles().size() == 1 ? " file" : " files") + " checked: "
                    + errors + (errors == 1 ? " error" : " errors") + ", " + warnings + (warnings == 1 ? " warning." : " warnings."));
        }
        return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR) ? FOUND_ERRORS : OK;
    }
}
