package io.wirelab.scripting.engine;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.transform.TimedInterrupt;
import io.wirelab.scripting.FailureMessages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;

/**
 * The Groovy checks of a grading rubric: the lab scripts' sandbox (same compiler setup and run-time
 * guards), no lab bound, only {@code results}, a read-only view of the graded run. Each evaluation
 * stops after a wall-clock limit (a loop that never ends fails its check, not the grader).
 */
public final class RubricScripts {
    private RubricScripts() {}

    /** What a check's code came to: its value (passed when Boolean.TRUE), or why it failed. */
    public record Verdict(boolean passed, String detail) {}

    /** Compile problems of code, checked without running any of it (rubric validation). */
    public static List<CompileProblem> problems(String code) { return GroovyEngine.check(code, GroovyEngine.Trust.SANDBOXED); }

    public static Verdict evaluate(String code, Map<String, Object> results, long limitMillis) {
        CompilerConfiguration cc = GroovyEngine.configuration(GroovyEngine.Mode.SCRIPT, GroovyEngine.Trust.SANDBOXED);
        cc.addCompilationCustomizers(new ASTTransformationCustomizer(
                Map.of("value", limitMillis, "unit", TimeUnit.MILLISECONDS), TimedInterrupt.class));
        Binding binding = new Binding();
        binding.setVariable("results", results);
        GroovyShell shell = new GroovyShell(new NoGlobalTransformsLoader(RubricScripts.class.getClassLoader()), binding, cc);
        Script script;
        try {
            script = shell.parse(code, "rubric_check.groovy");
        } catch (CompilationFailedException e) {
            CompileProblem p = CompileProblem.from(e).getFirst();
            return new Verdict(false, "does not compile: " + (p.hasPosition() ? "line " + p.line() + ": " : "") + p.message());
        }
        try {
            Object value = script.run();
            if (Boolean.TRUE.equals(value)) return new Verdict(true, "returned true");
            return new Verdict(false, "returned " + (value == null ? "null" : value.toString()));
        } catch (Throwable t) {
            if (FailureMessages.unwrap(t) instanceof SandboxViolation v) return new Verdict(false, "refused by the sandbox: " + v.getMessage());
            if (FailureMessages.unwrap(t) instanceof java.util.concurrent.TimeoutException)
                return new Verdict(false, "stopped after " + limitMillis + " ms of wall-clock time");
            return new Verdict(false, "failed: " + FailureMessages.describe(t, null));
        }
    }
}
