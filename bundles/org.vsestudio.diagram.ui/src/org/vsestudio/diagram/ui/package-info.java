/**
 * The topology of machine sets in the workbench: the Topology view draws the machine sets
 * of the active {@code .vse} editor, as the user types, in the SWT Browser.
 */
package org.vsestudio.diagram.ui;
