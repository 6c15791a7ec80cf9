/** Fixtures shared by the test fragments: driving the workbench without SWTBot, screenshots. */
package org.vsestudio.tests.common;
