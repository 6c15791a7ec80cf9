package org.vsestudio.tests.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Driving the workbench from a UI test through its own API. */
public final class Workbenches {

    private Workbenches() {
    }

    /** Waits for {@code condition} on the UI thread while the workbench keeps painting. */
    public static void waitFor(BooleanSupplier condition, long millis) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not reached within " + millis + " ms");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Lets the UI thread handle what is pending, for up to {@code millis}. */
    public static void settle(long millis) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /**
     * Saves a picture of {@code shell} as {@code name} in the folder the build gives
     * ({@code -Dvse.screenshots}, else {@code target/screenshots}) for a person to look at.
     */
    public static Path screenshot(Shell shell, String name) throws IOException {
        settle(500);
        Display display = shell.getDisplay();
        Point size = shell.getSize();
        Image image = new Image(display, size.x, size.y);
        try {
            GC gc = new GC(display);
            try {
                gc.copyArea(image, shell.getLocation().x, shell.getLocation().y);
            } finally {
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Path dir = Path.of(System.getProperty("vse.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }
}
