/**
 * Writing VSE models as text: Xtext's generated sequencers, with operators written the way
 * the user spelled them.
 */
package org.vsestudio.dsl.serializer;
