/**
 * V2M, the virtual-machine layer of the VSE papers: one interface over the hypervisors
 * (libvirt, direct QEMU, containers) and the facts about this host that choose between them.
 */
package org.vsestudio.vm;
