package org.vsestudio.ui.tests;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;

/** Finding and pressing what a user sees in a shell. */
final class Widgets {

	private Widgets() {
	}

	/** @return the controls of type {@code type} under {@code parent}, in order */
	static <T extends Control> List<T> all(Composite parent, Class<T> type) {
		List<T> found = new ArrayList<>();
		for (Control child : parent.getChildren()) {
			if (type.isInstance(child)) {
				found.add(type.cast(child));
			}
			if (child instanceof Composite composite) {
				found.addAll(all(composite, type));
			}
		}
		return found;
	}

	/** @return the visible button whose label, without its mnemonic, starts with {@code label}, or {@code null} */
	static Button button(Composite parent, String label) {
		return all(parent, Button.class).stream().filter(b -> b.isVisible() && b.getText().replace("&", "").startsWith(label)).findFirst()
				.orElse(null);
	}

	/** Presses {@code button} as a click does. */
	static void press(Button button) {
		button.setFocus();
		button.notifyListeners(SWT.Selection, new Event());
	}

	/** @return the open shell titled {@code title}, or {@code null} */
	static Shell shell(String title) {
		for (Shell shell : Display.getCurrent().getShells()) {
			if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
				return shell;
			}
		}
		return null;
	}

	/** @return the texts of {@code items} and of their children, indented by depth */
	static List<String> texts(TreeItem[] items, String indent) {
		List<String> texts = new ArrayList<>();
		for (TreeItem item : items) {
			texts.add(indent + item.getText());
			texts.addAll(texts(item.getItems(), indent + "  "));
		}
		return texts;
	}

	/** Presses, within {@code millis}, the button {@code press} of the first shell that shows a button {@code marker}. */
	static void pressLater(String marker, String press, long millis) {
		Display display = Display.getCurrent();
		long deadline = System.currentTimeMillis() + millis;
		Runnable[] poll = new Runnable[1];
		poll[0] = () -> {
			for (Shell shell : display.getShells()) {
				if (!shell.isDisposed() && shell.isVisible() && button(shell, marker) != null) {
					press(button(shell, press));
					return;
				}
			}
			if (System.currentTimeMillis() < deadline) {
				display.timerExec(100, poll[0]);
			}
		};
		display.timerExec(100, poll[0]);
	}
}
