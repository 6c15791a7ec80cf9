/**
 * Evaluation of the VSE language: the effective environment and machine set of a
 * declaration, with inheritance applied over any depth, set algebra evaluated, reserved
 * items enforced and protection computed per deployment, as immutable records for the
 * resolver, the image builder and the deployers.
 */
package org.vsestudio.dsl.evaluation;
