package io.wirelab.scripting.engine;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.run.Lab;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a lab script against a running {@link Lab}. Script output goes to {@code out}; failures are
 * reported on {@code err} as {@code file:line: message} (a failed assert adds Groovy's power-assert
 * text), never as a JVM stack trace. Returns 0 on success, 1 when the script failed, 2 when it does not
 * compile or steps outside the sandbox, 3 when it was interrupted. Does not close the lab.
 */
public final class ScriptRunner {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    public static final int INTERRUPTED = 3;

    private final PrintStream out;
    private final PrintStream err;

    public ScriptRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(Lab lab, ScriptSource source) { return run(lab, source, GroovyEngine.Trust.SANDBOXED); }

    public int run(Lab lab, ScriptSource source, GroovyEngine.Trust trust) {
        return run(new GroovyEngine(GroovyEngine.Mode.SCRIPT), lab, source, trust, () -> "interrupted");
    }

    /** Runs on engine (which another thread may {@link GroovyEngine#interrupt()}); stopReason names an interruption. */
    public int run(GroovyEngine engine, Lab lab, ScriptSource source, GroovyEngine.Trust trust, Supplier<String> stopReason) {
        engine.attach(lab, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        Outcome outcome;
        try {
            outcome = engine.evaluate(source.text(), source.fileName(), trust);
        } finally {
            engine.facade().endTasks();   // tasks the script did not join end with it
        }
        int rc = switch (outcome) {
            case Outcome.Completed c -> OK;
            case Outcome.CompileFailed f -> {
                f.problems().forEach(p -> err.println(located(source, p)));
                yield REFUSED;
            }
            case Outcome.Refused r -> {
                err.println(located(source, r.problem()));
                yield REFUSED;
            }
            case Outcome.Failed f -> {
                err.println(where(source, f.line()) + f.message());
                yield FAILED;
            }
            case Outcome.Interrupted i -> {
                err.println(where(source, i.line()) + stopReason.get() + " at lab time " + engine.facade().getNow());
                yield INTERRUPTED;
            }
        };
        err.flush();
        return rc;
    }

    /** Checks without running anything: every syntax, semantic or sandbox error as file:line:col: message. */
    public static List<String> compileProblems(ScriptSource source) { return compileProblems(source, GroovyEngine.Trust.SANDBOXED); }

    public static List<String> compileProblems(ScriptSource source, GroovyEngine.Trust trust) {
        return GroovyEngine.check(source.text(), trust).stream().map(p -> located(source, p)).toList();
    }

    /**
     * compileProblems, then the script's problems with this lab: a device name it lacks, a handler on a host that
     * runs no web server. A script that passed against a lab with the same facts before (the script cache
     * remembers) is not parsed again.
     */
    public static List<String> labProblems(LabSpec lab, ScriptSource source, GroovyEngine.Trust trust) {
        Optional<ScriptCache> cache = ScriptCache.standard();
        String facts = checkedLabFacts(lab);
        if (cache.map(c -> c.labChecked(source.text(), trust, facts)).orElse(false)) return List.of();
        List<String> out = new java.util.ArrayList<>(compileProblems(source, trust));
        if (!out.isEmpty()) return out;
        List<CompileProblem> found = new java.util.ArrayList<>(HandlerTargets.problems(lab, source.text()));
        for (CompileProblem p : ScriptDeviceNames.problems(lab, source.text()))
            if (found.stream().noneMatch(h -> h.line() == p.line() && h.column() == p.column())) found.add(p);
        found.sort(java.util.Comparator.comparingInt(CompileProblem::line).thenComparingInt(CompileProblem::column));
        found.forEach(p -> out.add(located(source, p)));
        if (out.isEmpty()) cache.ifPresent(c -> c.markLabChecked(source.text(), trust, facts));
        return out;
    }

    /** All that HandlerTargets and ScriptDeviceNames read of a lab: each device's name and whether it runs a web server. */
    private static String checkedLabFacts(LabSpec lab) {
        StringBuilder facts = new StringBuilder();
        for (NodeSpec n : lab.nodes()) facts.append(n.name()).append(n.services().web() != null ? " web\n" : "\n");
        return facts.toString();
    }

    private static String located(ScriptSource source, CompileProblem p) {
        if (!p.hasPosition()) return source.fileName() + ": " + p.message();
        return source.fileName() + ":" + source.fileLine(p.line()) + ":" + source.fileColumn(p.column()) + ": " + p.message();
    }

    private static String where(ScriptSource source, int line) {
        return source.fileName() + (line > 0 ? ":" + source.fileLine(line) : "") + ": ";
    }
}
