package io.wirelab.labs.yaml;

/** One problem in a lab file, at a 1-based line and column. hint may be null. */
public record LabProblem(String file, int line, int column, String message, String hint) {
    /** "labs/x.yaml:12:7: unknown node 'pc3' in link (hint: did you mean 'pc2'?)". */
    @Override public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
