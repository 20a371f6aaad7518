package io.wirelab.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * The two front ends of a {@link Console}: a JLine 4 line editor on a terminal (completion,
 * history file, multi-line input, Ctrl-C stops a running call) and plain piped stdin (no prompt,
 * the same inputs and the same output, for scripts and tests).
 */
public final class ConsoleRepl {
    public static final int OK = 0;
    public static final int FAILED = 1;

    private ConsoleRepl() {}

    /**
     * Reads complete inputs from in until :quit or end of input. Returns 0, or 1 when some input
     * failed (so a piped session can fail a script).
     */
    public static int piped(Console console, InputStream in, PrintWriter out) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!pending.isEmpty()) pending.append('\n');
                pending.append(line);
                String input = pending.toString();
                if (!input.strip().startsWith(":") && InputCompleteness.needsMore(input)) continue;
                pending.setLength(0);
                if (!console.handle(input)) return exit(console);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!pending.toString().isBlank()) {
            out.println("error: the input ended inside an unfinished statement:");
            out.println("  " + pending.toString().strip().lines().reduce((a, b) -> b).orElse(""));
            out.flush();
            console.close();
            return FAILED;
        }
        return exit(console);
    }

    private static int exit(Console console) {
        console.close();
        return console.failures() == 0 ? OK : FAILED;
    }

    /** An interactive session on terminal; history goes to historyFile (null: none). Returns 0. */
    public static int interactive(Console console, Terminal terminal, Path historyFile, String labName) {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("wirelab")
                .completer(new ConsoleCompleter(console)).parser(new GroovyLineParser())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false);
        if (historyFile != null) {
            try {
                if (historyFile.getParent() != null) Files.createDirectories(historyFile.getParent());
                b.variable(LineReader.HISTORY_FILE, historyFile);
            } catch (IOException e) {
                terminal.writer().println("(no history: cannot create " + historyFile.getParent() + ")");
            }
        }
        LineReader reader = b.build();
        // While input is evaluated the terminal is in cooked mode and Ctrl-C arrives as SIGINT;
        // at the prompt JLine reads it as a key (UserInterruptException), so idle INTs do nothing.
        Object previous = onInterrupt(console::interrupt);
        PrintWriter w = terminal.writer();
        w.println("wirelab console: lab " + labName + " (" + String.join(", ", console.facade().getDevices().keySet())
                + "). :help for commands, Tab completes, Ctrl-D or :quit leaves.");
        w.flush();
        String prompt = labName + "> ";
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!console.handle(line)) break;
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                w.println("(history not saved: " + e.getMessage() + ")");
            }
            if (previous != null) Signals.unregister("INT", previous);
        }
        console.close();
        return OK;
    }

    /** Runs action on SIGINT instead of ending the JVM (through JLine); returns the previous handler (null if signals are unavailable). */
    public static Object onInterrupt(Runnable action) {
        return Signals.register("INT", action);
    }

    /** Accepts a line only when the Groovy input is complete; otherwise JLine asks for the next line. */
    static final class GroovyLineParser extends DefaultParser {
        @Override public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !line.strip().startsWith(":") && InputCompleteness.needsMore(line))
                throw new EOFError(-1, cursor, "incomplete input", "...");
            return super.parse(line, cursor, context);
        }
    }
}
