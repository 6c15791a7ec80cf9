package org.vsestudio.ui.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;
import org.vsestudio.vm.Registry;

/**
 * A machine's serial console in the Console view: the console log file followed every half
 * second while the console is open and the file exists (the machine's end removes it).
 */
public final class SerialConsole extends MessageConsole {

    public static final String PREFIX = "Serial console \u2014 ";

    private SerialConsole(String name) {
        super(PREFIX + name, null);
    }

    /** Shows (opening it if needed) the serial console of {@code entry}. */
    public static SerialConsole open(Registry.Entry entry) {
        IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
        for (IConsole c : manager.getConsoles()) {
            if (c instanceof SerialConsole s && s.getName().equals(PREFIX + entry.name())) {
                manager.showConsoleView(s);
                return s;
            }
        }
        SerialConsole console = new SerialConsole(entry.name());
        manager.addConsoles(new IConsole[] {console});
        manager.showConsoleView(console);
        console.follow(entry.console());
        return console;
    }

    private void follow(Path log) {
        MessageConsoleStream out = newMessageStream();
        Job tail = new Job("Follow the serial console of " + getName()) {
            private long position;
            private boolean announcedEnd;

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                if (!Arrays.asList(ConsolePlugin.getDefault().getConsoleManager().getConsoles()).contains(SerialConsole.this)) {
                    return Status.OK_STATUS; // the user removed the console
                }
                if (!Files.exists(log)) {
                    if (!announcedEnd) {
                        out.println(position == 0 ? "(the console log " + log + " does not exist)" : "\n(the machine has ended)");
                    }
                    return Status.OK_STATUS;
                }
                try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
                    long length = f.length();
                    if (length > position) {
                        f.seek(position);
                        byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
                        f.readFully(bytes);
                        position += bytes.length;
                        out.print(new String(bytes, StandardCharsets.UTF_8).replace("\r", ""));
                    }
                } catch (IOException e) {
                    out.println("(the console log could not be read: " + e.getMessage() + ")");
                    return Status.OK_STATUS;
                }
                schedule(500);
                return Status.OK_STATUS;
            }
        };
        tail.setSystem(true);
        tail.schedule();
    }
}
