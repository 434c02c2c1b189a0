package org.genmask.notebooks.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * A Java kernel for Jupyter: cells are run by JShell in this JVM (local execution), so the kernel's class path (the
 * project's shaded jar, Spark) and its JVM flags ({@code --add-opens}, heap, {@code java.awt.headless}) are the
 * notebook's. The Jupyter protocol (ZeroMQ sockets, messages, display data) is {@code jjava-jupyter}'s.
 *
 * <p>A cell is split into JShell snippets and run in order; the first snippet that does not compile or that throws
 * stops the cell and fails it (the execute reply is an error, so {@code nbconvert --execute} fails), with the
 * exception's class, message, causes and the stack frames outside JShell's wrappers. The value of a final
 * expression is shown as text; pictures, tables and Markdown go through {@link Display}.
 *
 * <pre>java [flags] -cp genmask-notebook-kernel.jar:lib/*:PROJECT_CLASSPATH org.genmask.notebooks.kernel.GenMaskKernel CONNECTION_FILE</pre>
 */
public final class GenMaskKernel extends BaseKernel {
    static final String NAME = "genmask-java";
    static final String VERSION = "0.1.0";

    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    private GenMaskKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
                          Renderer renderer, MagicsRegistry magics, StringStyler errorStyler) {
        super(name, version, languageInfo(), List.of(), history, io, comms, renderer, null, magics, false,
                errorStyler);
        // "local": snippets run in this JVM, on its class path; the compiler sees the same class path.
        this.shell = JShell.builder().executionEngine("local")
                .compilerOptions("--class-path", System.getProperty("java.class.path")).build();
        this.analysis = shell.sourceCodeAnalysis();
    }

    /** A kernel not connected to any front end (tests). */
    static GenMaskKernel create() {
        return new Builder().name(NAME).version(VERSION).build();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                "java", "script");
    }

    static final class Builder extends BaseKernelBuilder<Builder, GenMaskKernel> {
        @Override
        public GenMaskKernel build() {
            return new GenMaskKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                    buildMagicsRegistry(), buildErrorStyler());
        }
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            System.err.println("usage: GenMaskKernel CONNECTION_FILE");
            System.exit(2);
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(json));
        GenMaskKernel kernel = create();
        kernel.onStartup();
        // handlers first, sockets second: no request can arrive before its handler exists
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        // Spark, ND4J and AWT leave non-daemon threads behind: the process ends with the notebook
        System.exit(0);
    }

    /**
     * Runs a cell.
     *
     * @return the text of the final snippet's value when it is an expression, else null
     * @throws CellException when a snippet does not compile, or throws; later snippets are not run
     */
    @Override
    public Object evalRaw(String cell) {
        String remaining = cell;
        String value = null;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                    throw new CellException("incomplete code at the end of the cell:\n" + remaining.strip());
                }
                return value;
            }
            value = evalSnippet(info.source());
            remaining = info.remaining();
        }
    }

    private String evalSnippet(String source) {
        String value = null;
        for (SnippetEvent e : shell.eval(source)) {
            if (e.causeSnippet() != null) {
                continue; // an earlier snippet updated by this one
            }
            Snippet s = e.snippet();
            if (e.exception() != null) {
                throw fromJShell(e.exception(), s);
            }
            if (e.status() == Snippet.Status.REJECTED) {
                throw new CellException(compileErrors(s));
            }
            boolean expression = s.kind() == Snippet.Kind.EXPRESSION
                    || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            value = expression ? e.value() : null;
        }
        return value;
    }

    private String compileErrors(Snippet s) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        StringBuilder b = new StringBuilder("compile error in:\n").append(s.source().strip()).append('\n');
        for (Diag d : diags) {
            b.append(String.format(Locale.ROOT, "  at %d: %s%n", d.getStartPosition(),
                    d.getMessage(Locale.ROOT)));
        }
        if (diags.isEmpty()) {
            b.append("  (JShell rejected it without a diagnostic)\n");
        }
        return b.toString().strip();
    }

    private CellException fromJShell(JShellException e, Snippet s) {
        String message;
        if (e instanceof EvalException ee) {
            message = ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage());
        } else if (e instanceof UnresolvedReferenceException ure) {
            message = "unresolved reference: " + ure.getSnippet().source().strip() + " needs "
                    + shell.unresolvedDependencies(ure.getSnippet()).collect(Collectors.joining(", "));
        } else {
            message = e.toString();
        }
        CellException out = new CellException(message);
        out.setStackTrace(e.getStackTrace());
        Throwable cause = e.getCause();
        CellException last = out;
        while (cause != null) {
            String name = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            CellException c = new CellException(name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            c.setStackTrace(cause.getStackTrace());
            last.initCause(c);
            last = c;
            cause = cause.getCause();
        }
        return out;
    }

    /**
     * Plain lines (no terminal colours, so logs read well): the message, each cause's, and the stack frames that are
     * not JShell's, reflection's or this kernel's; a frame in a cell reads {@code at cell snippet #N, line L}.
     */
    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            lines.add(prefix + t.getMessage());
            int shown = 0;
            for (StackTraceElement f : t.getStackTrace()) {
                String c = f.getClassName();
                if (c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                        || c.startsWith("jdk.jshell.") || c.startsWith("org.genmask.notebooks.kernel.")) {
                    continue;
                }
                if (shown++ == 12) {
                    lines.add("    ...");
                    break;
                }
                boolean cell = (c.isEmpty() || c.startsWith("REPL.")) && f.getFileName() != null
                        && f.getFileName().startsWith("#");
                lines.add("    at " + (cell ? "cell snippet " + f.getFileName() + ", line " + f.getLineNumber()
                        : f.toString()));
            }
            prefix = "caused by ";
        }
        return lines;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, at, false);
        if (docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream().map(SourceCodeAnalysis.Documentation::signature)
                .collect(Collectors.joining("\n")));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> options = analysis.completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> IS_COMPLETE_YES;
            case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> "";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        shell.close();
        super.onShutdown(isRestarting);
    }

    /** Why a cell failed: its message names the original exception class. */
    public static final class CellException extends RuntimeException {
        CellException(String message) {
            super(message);
        }
    }
}
