package io.wirelab.scripting.engine;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/** One compile error: line and column in the compiled text (0 when Groovy gives none) and the message. */
public record CompileProblem(int line, int column, String message) {
    public boolean hasPosition() { return line > 0; }

    /** Every error of a failed compilation, in Groovy's order; at least one. */
    static List<CompileProblem> from(CompilationFailedException e) {
        List<CompileProblem> out = new ArrayList<>();
        if (e instanceof MultipleCompilationErrorsException m)
            for (Message msg : m.getErrorCollector().getErrors()) out.add(from(msg));
        if (out.isEmpty()) out.add(new CompileProblem(0, 0, String.valueOf(e.getMessage()).strip()));
        return out;
    }

    private static CompileProblem from(Message m) {
        if (m instanceof SyntaxErrorMessage sem) {
            SyntaxException se = sem.getCause();
            return new CompileProblem(Math.max(se.getLine(), 0), Math.max(se.getStartColumn(), 0), se.getOriginalMessage().strip());
        }
        if (m instanceof ExceptionMessage em) return new CompileProblem(0, 0, String.valueOf(em.getCause().getMessage()));
        if (m instanceof SimpleMessage sm) return new CompileProblem(0, 0, sm.getMessage());
        return new CompileProblem(0, 0, "compilation failed");
    }
}
