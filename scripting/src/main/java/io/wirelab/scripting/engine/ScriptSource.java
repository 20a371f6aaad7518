package io.wirelab.scripting.engine;

import io.wirelab.labs.model.ScriptSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A lab script's text, the file name errors should name, the line of that file where the text
 * starts (1 for a script file; the block's first line for a script inlined in YAML) and the
 * indentation the YAML block strips from each line.
 */
public record ScriptSource(String text, String fileName, int firstLine, int indent) {
    public ScriptSource {
        if (firstLine < 1 || indent < 0) throw new IllegalArgumentException("firstLine " + firstLine + " indent " + indent);
    }

    public static ScriptSource file(Path path) throws IOException {
        return new ScriptSource(Files.readString(path), path.toString(), 1, 0);
    }

    /** A script inlined in a YAML block whose first text line is firstLine, indented by indent columns. */
    public static ScriptSource inline(String text, String yamlFile, int firstLine, int indent) {
        return new ScriptSource(text, yamlFile, firstLine, indent);
    }

    /**
     * The script of a lab. For inline code the YAML block's indentation is read back from the lab
     * file (when it is a file) so compile errors point at the right column.
     */
    public static ScriptSource of(ScriptSpec spec) {
        int indent = 0;
        if (spec.inline()) {
            try {
                Path p = Path.of(spec.name());
                if (Files.isRegularFile(p)) {
                    String line = Files.readAllLines(p).stream().skip(spec.firstLine() - 1L).findFirst().orElse("");
                    while (indent < line.length() && line.charAt(indent) == ' ') indent++;
                }
            } catch (IOException | RuntimeException e) {
                indent = 0;
            }
        }
        return new ScriptSource(spec.code(), spec.name(), spec.firstLine(), indent);
    }

    /** The line in fileName for line n of the script text. */
    int fileLine(int scriptLine) { return scriptLine + firstLine - 1; }

    /** The column in fileName for column n of the script text. */
    int fileColumn(int scriptColumn) { return scriptColumn + indent; }
}
