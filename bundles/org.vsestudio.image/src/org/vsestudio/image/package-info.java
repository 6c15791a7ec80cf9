/**
 * The image builder: from a locked environment to a golden image (rootfs, qcow2, kernel and
 * initrd) with the distribution's own tools, and the checks that those tools are there.
 */
package org.vsestudio.image;
