/**
 * VSE projects: the project nature and the builder that validates every {@code .vse} file
 * into Problems-view markers and keeps lock files current, the new-project wizard and the
 * preferences.
 */
package org.vsestudio.ui.project;
