/**
 * The formatter of the VSE language: the layout of the examples (docs/language.md, "Layout"),
 * keeping the layout choices a user made.
 */
package org.vsestudio.dsl.formatting2;
