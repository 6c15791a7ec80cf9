package org.vsestudio.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * {@code vse lsp}: the VSE language server on standard input and output (Xtext's language
 * server with the VSE language's IDE services): diagnostics, completion, hover, document
 * symbols, formatting, go-to-definition and code actions for any LSP client.
 */
final class LspCommand implements Command {

    @Override
    public String name() {
        return "lsp";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String summary() {
        return "run the VSE language server on standard input/output (for editors)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (!args.isEmpty()) {
            throw new UsageException("'lsp' takes no arguments; the client talks to it on standard input and output.");
        }
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        // nothing but the protocol may reach standard output
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Injector injector = Guice.createInjector(new ServerModule());
        LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, protocol);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        listening.get();
        return OK;
    }
}
