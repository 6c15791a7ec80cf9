/**
 * The {@code .vse} editor: the Eclipse Generic Editor driven in process by the language's
 * IDE-independent services of {@code org.vsestudio.dsl.ide} (the ones its language server
 * uses): highlighting, content assist, hover, diagnostics as you type, quick fixes.
 */
package org.vsestudio.ui.editor;
