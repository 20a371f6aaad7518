package io.wirelab.scripting.engine;

import io.wirelab.labs.run.Lab;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a lab script against a running {@link Lab}. Script output goes to {@code out}; failures are
 * reported on {@code err} as {@code file:line: message} (a failed assert adds Groovy's power-assert
 * text), never as a JVM stack trace. Returns 0 on success, 1 on any failure. Does not close the lab.
 */
public final class ScriptRunner {
    public static final int OK = 0;
    public static final int FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;

    public ScriptRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(Lab lab, ScriptSource source) {
        GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
        engine.attach(lab, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        Outcome outcome;
        try {
            outcome = engine.evaluate(source.text(), source.fileName());
        } finally {
            engine.facade().endTasks();   // tasks the script did not join end with it
        }
        switch (outcome) {
            case Outcome.Completed c -> { return OK; }
            case Outcome.CompileFailed f -> f.problems().forEach(p -> err.println(located(source, p)));
            case Outcome.Failed f -> err.println(where(source, f.line()) + f.message());
            case Outcome.Interrupted i -> err.println(where(source, i.line()) + "interrupted at lab time " + engine.facade().getNow());
        }
        err.flush();
        return FAILED;
    }

    /** Compiles without running: every syntax or semantic error as file:line:col: message. */
    public static List<String> compileProblems(ScriptSource source) {
        return GroovyEngine.check(source.text()).stream().map(p -> located(source, p)).toList();
    }

    private static String located(ScriptSource source, CompileProblem p) {
        if (!p.hasPosition()) return source.fileName() + ": " + p.message();
        return source.fileName() + ":" + source.fileLine(p.line()) + ":" + source.fileColumn(p.column()) + ": " + p.message();
    }

    private static String where(ScriptSource source, int line) {
        return source.fileName() + (line > 0 ? ":" + source.fileLine(line) : "") + ": ";
    }
}
