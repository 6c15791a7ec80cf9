/**
 * Building images in the IDE: the <i>Build Image</i> command, the cancellable job that runs
 * the image builder with a console of its own, and the project setting that builds images
 * when the project builds.
 */
package org.vsestudio.ui.build;
