package io.wirelab.labs.model;

/**
 * The lab's Groovy script, already read. name is what error messages show ("labs/x.groovy", or the
 * lab file for inline code); firstLine is the line of name on which the code's line 1 sits
 * (1 for a script file; the line after "script: |" for inline code).
 */
public record ScriptSpec(String name, String code, int firstLine, boolean inline) {
    /** Maps a line of the code to the line a user sees in name. */
    public int sourceLine(int codeLine) { return codeLine + firstLine - 1; }
}
