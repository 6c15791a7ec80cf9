/**
 * The topology diagram of machine sets, drawn headlessly (SVG), so that the IDE's diagram
 * view, the command line and the tests show the same picture.
 */
package org.vsestudio.dsl.ide.diagram;
