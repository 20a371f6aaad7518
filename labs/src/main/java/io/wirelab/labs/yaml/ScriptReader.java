package io.wirelab.labs.yaml;

import io.wirelab.labs.model.ScriptSpec;
import io.wirelab.labs.yaml.LabYamlReader.LoadedScript;
import io.wirelab.labs.yaml.LabYamlReader.ScriptLoader;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;

import java.io.IOException;

/**
 * Reads the `script:` section: a .groovy file next to the lab (`script: lab.groovy`, `{ file: ... }`)
 * or code in the lab file (a block `script: |`, `{ inline: ... }`), which keeps its line numbers.
 */
final class ScriptReader {
    private final ValueReader values;
    private final Problems problems;
    private final String source;
    private final String[] lines;
    private final ScriptLoader scripts;

    ScriptReader(ValueReader values, String source, String[] lines, ScriptLoader scripts) {
        this.values = values;
        this.problems = values.problems;
        this.source = source;
        this.lines = lines;
        this.scripts = scripts;
    }

    ScriptSpec read(YNode node) {
        if (node instanceof YScalar sc && !sc.isNull()) {
            if (sc.text().contains("\n")) return inline(sc);
            return scriptFile(sc);
        }
        YMap m = values.optionalMap(node, "a script file name, or { file: ... } / { inline: ... }");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.SCRIPT_KEYS, "script");
        if ((m.get("file") == null) == (m.get("inline") == null)) {
            problems.add(m, "script needs exactly one of 'file' or 'inline'", "script: { file: lab.groovy } or script: { inline: \"pc1.ping('10.0.0.2')\" }");
            return null;
        }
        if (m.get("file") != null) {
            if (!(m.get("file") instanceof YScalar sc) || sc.isNull()) { values.text(m.get("file"), "a file name"); return null; }
            return scriptFile(sc);
        }
        if (!(m.get("inline") instanceof YScalar sc) || sc.isNull()) { values.text(m.get("inline"), "Groovy code"); return null; }
        return inline(sc);
    }

    /** Code in the lab file: its line 1 is the line after a block indicator (| or >), else the value's own line. */
    private ScriptSpec inline(YScalar sc) {
        String at = sc.line() - 1 < lines.length ? lines[sc.line() - 1] : "";
        char indicator = sc.column() - 1 < at.length() ? at.charAt(sc.column() - 1) : ' ';
        int first = indicator == '|' || indicator == '>' ? sc.line() + 1 : sc.line();
        return new ScriptSpec(source, sc.text(), first, true);
    }

    private ScriptSpec scriptFile(YScalar sc) {
        String name = sc.text().strip();
        if (!name.endsWith(".groovy")) {
            problems.add(sc, "script file '" + name + "' should end in .groovy", "for code in the lab file use script: { inline: \"...\" } or a block: script: |");
            return null;
        }
        try {
            LoadedScript s = scripts == null ? null : scripts.load(name);
            if (s == null) {
                problems.add(sc, "script file '" + name + "' not found next to the lab file", "create it, or fix the name");
                return null;
            }
            return new ScriptSpec(s.displayName(), s.code(), 1, false);
        } catch (IOException e) {
            problems.add(sc, "cannot read script '" + name + "': " + e.getMessage(), null);
            return null;
        }
    }
}
