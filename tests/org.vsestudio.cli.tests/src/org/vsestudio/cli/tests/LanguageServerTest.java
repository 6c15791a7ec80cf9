package org.vsestudio.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An LSP client drives {@code vse lsp} over standard input and output, as an editor does:
 * initialize on a folder, open a file, receive its diagnostics, ask for completion, the
 * definition of a reference, and formatting.
 */
class LanguageServerTest {

    /** What the server sends to its client. */
    static final class Client implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }

        PublishDiagnosticsParams next(String uriSuffix) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                PublishDiagnosticsParams p = diagnostics.poll(1, TimeUnit.SECONDS);
                if (p != null && p.getUri().endsWith(uriSuffix)) {
                    return p;
                }
            }
            throw new AssertionError("no diagnostics for " + uriSuffix + " within a minute");
        }
    }

    /** Applies LSP text edits (non-overlapping) to {@code text}. */
    static String apply(String text, List<? extends TextEdit> edits) {
        List<? extends TextEdit> sorted = edits.stream()
                .sorted((a, b) -> Integer.compare(offset(text, b.getRange().getStart()), offset(text, a.getRange().getStart()))).toList();
        StringBuilder result = new StringBuilder(text);
        for (TextEdit e : sorted) {
            result.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
        }
        return result.toString();
    }

    private static int offset(String text, Position p) {
        int offset = 0;
        for (int line = 0; line < p.getLine(); line++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + p.getCharacter();
    }

    @Test
    void anEditorGetsDiagnosticsCompletionDefinitionAndFormatting(@TempDir Path workspace) throws Exception {
        Files.createDirectories(workspace.resolve("site"));
        Files.copy(VseProcess.repository().resolve("examples/site/ornl.vse"), workspace.resolve("site/ornl.vse"));
        Path app = workspace.resolve("app.vse");
        String text = "import ornl.*\n\nenvironment app.env extends ornl.base {\n    packages += { htop }\n}\n\n"
                + "environment app.broken extends ornl.nothing { }\n";
        Files.writeString(app, text);

        Process process = VseProcess.builder(workspace, "lsp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Client client = new Client();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();

            InitializeParams init = new InitializeParams();
            init.setProcessId((int) ProcessHandle.current().pid());
            init.setRootUri(workspace.toUri().toString());
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "workspace")));
            ClientCapabilities capabilities = new ClientCapabilities();
            WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
            workspaceCapabilities.setWorkspaceFolders(true);
            capabilities.setWorkspace(workspaceCapabilities);
            init.setCapabilities(capabilities);
            InitializeResult result = server.initialize(init).get(60, TimeUnit.SECONDS);
            var caps = result.getCapabilities();
            assertNotNull(caps.getCompletionProvider(), "completion");
            assertTrue(caps.getDocumentFormattingProvider().isLeft() ? caps.getDocumentFormattingProvider().getLeft() : true, "formatting");
            assertNotNull(caps.getHoverProvider(), "hover");
            assertNotNull(caps.getDefinitionProvider(), "definition");
            assertNotNull(caps.getDocumentSymbolProvider(), "document symbols");
            server.initialized(new InitializedParams());

            String uri = app.toUri().toString();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vse", 1, text)));
            PublishDiagnosticsParams published = client.next("app.vse");
            while (published.getDiagnostics().isEmpty()) {
                published = client.next("app.vse");
            }
            assertEquals(1, published.getDiagnostics().size(), published.toString());
            var d = published.getDiagnostics().get(0);
            assertEquals(6, d.getRange().getStart().getLine(), "0-based line of 'ornl.nothing'");
            String message = d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
            assertTrue(message.contains("ornl.nothing"), message);

            // completion after "extends ": the environments that can be extended
            var completion = server.getTextDocumentService()
                    .completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(2, 28))).get(30, TimeUnit.SECONDS);
            List<CompletionItem> items = completion.isLeft() ? completion.getLeft() : completion.getRight().getItems();
            List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
            assertTrue(labels.contains("ornl.base"), labels.toString());

            // go to definition of ornl.base: the site's file
            var definition = server.getTextDocumentService()
                    .definition(new DefinitionParams(new TextDocumentIdentifier(uri), new Position(2, 30))).get(30, TimeUnit.SECONDS);
            List<? extends Location> locations = definition.getLeft();
            assertEquals(1, locations.size(), locations.toString());
            assertTrue(locations.get(0).getUri().endsWith("site/ornl.vse"), locations.toString());
            assertEquals(3, locations.get(0).getRange().getStart().getLine());

            // formatting a messy file gives it the house layout
            String messyUri = workspace.resolve("messy.vse").toUri().toString();
            String messy = "packageset   app.tools{ htop   openmpi-bin>=4.1\n  conflicts mpich }";
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(messyUri, "vse", 1, messy)));
            List<? extends TextEdit> edits = server.getTextDocumentService()
                    .formatting(new DocumentFormattingParams(new TextDocumentIdentifier(messyUri), new FormattingOptions(4, true)))
                    .get(30, TimeUnit.SECONDS);
            assertEquals("packageset app.tools {\n    htop\n    openmpi-bin >= 4.1\n    conflicts mpich\n}\n", apply(messy, edits));

            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server ends after 'exit'");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void packageNamesAndVersionsAreCompletedFromTheIndexAndUnknownNamesFixed(@TempDir Path workspace) throws Exception {
        Files.createDirectories(workspace.resolve("site"));
        Files.copy(VseProcess.repository().resolve("examples/site/ornl.vse"), workspace.resolve("site/ornl.vse"));
        Path app = workspace.resolve("app.vse");
        String text = "import ornl.*\n\nenvironment app.env extends ornl.base {\n    packages += { openmpi- }\n"
                + "    packages += { htopp }\n    packages += { openmpi-bin >=  }\n}\n\npackageset app.tools { gfortr }\n";
        Files.writeString(app, text);

        Process process = VseProcess.builder(workspace, "lsp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Client client = new Client();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setProcessId((int) ProcessHandle.current().pid());
            init.setRootUri(workspace.toUri().toString());
            init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "workspace")));
            init.setCapabilities(new ClientCapabilities());
            server.initialize(init).get(60, TimeUnit.SECONDS);
            server.initialized(new InitializedParams());
            String uri = app.toUri().toString();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "vse", 1, text)));

            // a partial name in an environment: the names of its index that start so, each with its description
            List<CompletionItem> items = complete(server, uri, new Position(3, 26));
            Map<String, CompletionItem> byLabel = items.stream().collect(Collectors.toMap(CompletionItem::getLabel, i -> i, (a, b) -> a));
            for (String name : List.of("openmpi-bin", "openmpi-common")) {
                CompletionItem item = byLabel.get(name);
                assertNotNull(item, name + " in " + byLabel.keySet());
                assertTrue(item.getDetail() != null && !item.getDetail().isBlank(), item::toString);
                String documentation = item.getDocumentation().isLeft() ? item.getDocumentation().getLeft()
                        : item.getDocumentation().getRight().getValue();
                assertTrue(documentation.contains("Versions: "), documentation);
            }
            List<String> packageNames = items.stream().filter(i -> i.getKind() == CompletionItemKind.Module).map(CompletionItem::getLabel).toList();
            assertTrue(packageNames.stream().allMatch(l -> l.startsWith("openmpi-")), packageNames.toString());

            // after a version operator: the versions there are
            List<String> versions = complete(server, uri, new Position(5, 33)).stream().map(CompletionItem::getLabel).toList();
            assertTrue(versions.stream().anyMatch(v -> v.startsWith("4.1.")), versions.toString());

            // in a package set, the host's index of the default release
            List<String> inSet = complete(server, uri, new Position(8, 29)).stream().map(CompletionItem::getLabel).toList();
            assertTrue(inSet.contains("gfortran"), inSet.toString());

            // an unknown name: the quick fix offers the nearest names of the index
            PublishDiagnosticsParams published = client.next("app.vse");
            Predicate<Diagnostic> htopp = d -> "vse.unknown-package".equals(code(d)) && d.getRange().getStart().getLine() == 4;
            while (published.getDiagnostics().stream().noneMatch(htopp)) {
                published = client.next("app.vse");
            }
            Diagnostic unknown = published.getDiagnostics().stream().filter(htopp).findFirst().orElseThrow();
            List<Either<Command, CodeAction>> actions = server.getTextDocumentService()
                    .codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), unknown.getRange(), new CodeActionContext(List.of(unknown))))
                    .get(30, TimeUnit.SECONDS);
            List<String> titles = actions.stream().map(a -> a.isRight() ? a.getRight().getTitle() : a.getLeft().getTitle()).toList();
            assertTrue(titles.contains("Replace with 'htop'"), titles.toString());

            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server ends after 'exit'");
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<CompletionItem> complete(LanguageServer server, String uri, Position position) throws Exception {
        var completion = server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), position))
                .get(60, TimeUnit.SECONDS);
        return completion.isLeft() ? completion.getLeft() : completion.getRight().getItems();
    }

    private static String code(Diagnostic d) {
        return d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
    }
}
