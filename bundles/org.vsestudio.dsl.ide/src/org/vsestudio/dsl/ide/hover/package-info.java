/**
 * Hover of the VSE language: on a package name, its description and available versions from
 * the repository index; elsewhere Xtext's hover of the referenced element.
 */
package org.vsestudio.dsl.ide.hover;
