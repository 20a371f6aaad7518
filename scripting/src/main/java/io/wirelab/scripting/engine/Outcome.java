package io.wirelab.scripting.engine;

import java.util.List;

/** What evaluating code in a {@link GroovyEngine} came to. Lines are lines of the evaluated text; -1 when unknown. */
public sealed interface Outcome {
    /** The code did not compile; nothing ran. */
    record CompileFailed(List<CompileProblem> problems) implements Outcome {}

    /** The code ran to its end; value is what its last statement gave (null for none). */
    record Completed(Object value) implements Outcome {}

    /** The code threw; message says why without a stack trace (see FailureMessages). */
    record Failed(String message, int line) implements Outcome {}

    /** Sandboxed code tried, at run time, something outside the sandbox; problem says what and where. */
    record Refused(CompileProblem problem) implements Outcome {}

    /** The code was stopped by {@link GroovyEngine#interrupt()} or a stop request on the lab's simulator. */
    record Interrupted(int line) implements Outcome {}
}
