/**
 * Value conversion of the VSE language: how the text of a word becomes the value in the
 * model, and back.
 */
package org.vsestudio.dsl.conversion;
