/** The Sandboxes view: the machines of the V2M registry, and their control. */
package org.vsestudio.ui.sandbox;
