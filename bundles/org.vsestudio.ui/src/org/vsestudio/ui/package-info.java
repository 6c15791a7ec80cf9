/**
 * VSE Studio in the Eclipse workbench: the product's perspective, the example project of a
 * fresh workspace, the editor of {@code .vse} files and the launch tabs. Everything here is
 * thin: the work is done by the headless bundles.
 */
package org.vsestudio.ui;
