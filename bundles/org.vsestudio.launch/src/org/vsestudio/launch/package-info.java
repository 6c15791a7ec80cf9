/**
 * Launch configuration types of VSE Studio and their delegates. No UI: a delegate reads the
 * configuration's attributes into an immutable request and calls the headless services; the
 * tabs that edit the attributes live in {@code org.vsestudio.ui}.
 */
package org.vsestudio.launch;
