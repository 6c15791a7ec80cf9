/**
 * Quick fixes of the VSE language, served as code actions by the language server: each
 * resolves a diagnostic of {@link org.vsestudio.dsl.validation.IssueCodes} by a text edit.
 */
package org.vsestudio.dsl.ide.quickfix;
