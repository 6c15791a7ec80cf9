/**
 * Completion of the VSE language for every client of the IDE services (the language
 * server, the Eclipse editor): package names and versions from the repository index.
 */
package org.vsestudio.dsl.ide.contentassist;
