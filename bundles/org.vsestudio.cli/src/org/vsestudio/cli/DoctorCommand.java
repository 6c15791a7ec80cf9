package org.vsestudio.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.vsestudio.image.HostTools;
import org.vsestudio.vm.Accelerator;

/**
 * {@code vse doctor}: what this host offers for building and running VSEs — the Java
 * runtime, the image and VM tools (with the Debian package of each missing one), and
 * whether guests run with KVM or under emulation.
 */
final class DoctorCommand implements Command {

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String summary() {
        return "show what this host has for building and running VSEs";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("'doctor' takes no arguments, but was given '" + String.join(" ", args) + "'.");
        }
        out.printf("%-19s %s (Java %s)%n", "java", Path.of(System.getProperty("java.home"), "bin", "java"), Runtime.version());
        List<HostTools.Found> found = new HostTools().survey();
        for (HostTools.Found f : found) {
            out.printf("%-19s %s%n", f.tool().program(),
                    f.present() ? f.path().get() : "missing: install the Debian package '" + f.tool().debianPackage() + "' (" + f.tool().purpose() + ")");
        }
        Accelerator.Detection accel = Accelerator.detect();
        out.println("VMs run with " + accel.accelerator() + ": " + accel.reason());
        return OK;
    }
}
