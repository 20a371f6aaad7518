package io.wirelab.scripting.engine;

/**
 * Thrown at a loop, closure or method start of a script whose evaluation was interrupted (Ctrl-C,
 * --timeout). An Error, so that a script's {@code catch (e)} cannot swallow the stop.
 */
public final class ScriptStopped extends Error {
    @java.io.Serial private static final long serialVersionUID = 1L;

    public ScriptStopped(String message) { super(message); }
}
