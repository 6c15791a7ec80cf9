/**
 * The resource that holds the model of a .vse file.
 */
package org.vsestudio.dsl.resource;
