package io.wirelab.scripting.engine;

/**
 * A sandboxed script tried something outside the allow-list at run time. An Error, so that a script's
 * {@code catch (e)} cannot swallow it. line and column are the script text's (0 when unknown).
 */
public final class SandboxViolation extends Error {
    @java.io.Serial private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public SandboxViolation(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() { return line; }

    public int column() { return column; }
}
