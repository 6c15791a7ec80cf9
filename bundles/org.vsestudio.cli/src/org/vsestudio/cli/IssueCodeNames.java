package org.vsestudio.cli;

import org.eclipse.xtext.diagnostics.Diagnostic;

/** The issue codes users see: our own as they are, Xtext's generic ones by short names. */
final class IssueCodeNames {

    private IssueCodeNames() {
    }

    static String of(String code) {
        if (code == null) {
            return "vse.unknown";
        }
        return switch (code) {
            case Diagnostic.SYNTAX_DIAGNOSTIC -> "vse.syntax";
            case Diagnostic.LINKING_DIAGNOSTIC -> "vse.unresolved-reference";
            default -> code;
        };
    }
}
