package io.wirelab.labs.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.wirelab.labs.model.LabLimits;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree whose every node and key knows its line and column, built in one
 * streaming pass over Jackson's YAML parser. Scalars keep their source text, so "02:00:00:00:00:01"
 * or "1.0" reach the lab reader exactly as written.
 */
final class YamlTree {
    private YamlTree() {}

    sealed interface YNode permits YMap, YList, YScalar {
        int line();
        int column();
    }

    record YEntry(String key, int line, int column, YNode value) {}

    record YMap(List<YEntry> entries, int line, int column) implements YNode {
        YEntry entry(String key) {
            for (YEntry e : entries) if (e.key.equals(key)) return e;
            return null;
        }

        YNode get(String key) {
            YEntry e = entry(key);
            return e == null ? null : e.value;
        }
    }

    record YList(List<YNode> items, int line, int column) implements YNode {}

    /** How YAML typed a scalar: a plain true/false, whole number or decimal number, ~/null/nothing, or text (quoted or not). */
    enum Type { TEXT, BOOLEAN, INTEGER, DECIMAL, NULL }

    /** A scalar; text is the source text ("" for an empty value). */
    record YScalar(String text, Type type, int line, int column) implements YNode {
        /** A name or key, as text. */
        YScalar(String text, int line, int column) { this(text, Type.TEXT, line, column); }

        boolean isNull() { return type == Type.NULL; }
    }

    /**
     * Parses one YAML document; syntax errors, duplicate keys, aliases, explicit tags, a second
     * document and nesting past LabLimits.MAX_NESTING go to problems. Returns null when nothing
     * usable was read (and after any alias, tag or second document: the tree would be wrong).
     */
    static YNode parse(String text, Problems problems) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            Reading r = new Reading((YAMLParser) p, problems);
            YNode root = r.read(t, 1);
            if (r.unsupported) return null;
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.add(at.getLineNr(), at.getColumnNr(), "a second YAML document starts here; a lab file holds one",
                        "remove the '---' line and what follows, or put that lab in a file of its own");
                return null;
            }
            return root;
        } catch (TooDeep e) {
            problems.add(e.line, e.column, "maps and lists nested deeper than " + LabLimits.MAX_NESTING + " levels (the nesting limit)",
                    "a lab needs a few levels; see docs/lab-format.md#limits");
            return null;
        } catch (JsonProcessingException e) {
            syntaxError(e, problems);
            return null;
        } catch (IOException e) {
            problems.add(1, 1, "cannot read the lab file: " + e.getMessage(), null);
            return null;
        }
    }

    private static final class TooDeep extends RuntimeException {
        @java.io.Serial private static final long serialVersionUID = 1L;
        final int line, column;

        TooDeep(int line, int column) {
            super(null, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    /** One pass over the parser's tokens; notes aliases and tags as problems instead of building a wrong tree. */
    private static final class Reading {
        private final YAMLParser p;
        private final Problems problems;
        boolean unsupported;

        Reading(YAMLParser p, Problems problems) {
            this.p = p;
            this.problems = problems;
        }

        YNode read(JsonToken t, int depth) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            int line = at.getLineNr();
            int column = at.getColumnNr();
            if (depth > LabLimits.MAX_NESTING) throw new TooDeep(line, column);
            checkSupported(line, column);
            switch (t) {
                case START_OBJECT -> {
                    List<YEntry> entries = new ArrayList<>();
                    Map<String, YEntry> seen = new LinkedHashMap<>();
                    for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                        JsonLocation kl = p.currentTokenLocation();
                        String key = p.currentName();
                        YNode value = read(p.nextToken(), depth + 1);
                        YEntry entry = new YEntry(key, kl.getLineNr(), kl.getColumnNr(), value);
                        YEntry first = seen.putIfAbsent(key, entry);
                        if (first != null) {
                            problems.add(entry.line, entry.column, "duplicate key '" + key + "' (first at line " + first.line + ")",
                                    "each key may appear once in a map");
                        } else {
                            entries.add(entry);
                        }
                    }
                    return new YMap(List.copyOf(entries), line, column);
                }
                case START_ARRAY -> {
                    List<YNode> items = new ArrayList<>();
                    for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) items.add(read(i, depth + 1));
                    return new YList(List.copyOf(items), line, column);
                }
                case VALUE_NULL -> { return new YScalar(p.getText() == null ? "" : p.getText(), Type.NULL, line, column); }
                case VALUE_TRUE, VALUE_FALSE -> { return new YScalar(p.getText(), Type.BOOLEAN, line, column); }
                case VALUE_NUMBER_INT -> { return new YScalar(p.getText(), Type.INTEGER, line, column); }
                case VALUE_NUMBER_FLOAT -> { return new YScalar(p.getText(), Type.DECIMAL, line, column); }
                default -> { return new YScalar(p.getText(), Type.TEXT, line, column); }
            }
        }

        /** Aliases and tags are refused (docs/lab-format.md#yaml): every value is written out where it is used. */
        private void checkSupported(int line, int column) throws IOException {
            if (p.isCurrentAlias()) {
                unsupported = true;
                problems.add(line, column, "YAML alias '*" + p.getText() + "': aliases and anchors are not supported in lab files",
                        "write the value out here instead of referring to an anchor");
            } else if (p.getTypeId() != null) {
                unsupported = true;
                String tag = p.getTypeId().replace("tag:yaml.org,2002:", "!!");
                problems.add(line, column, "explicit YAML tag '" + tag + "' is not supported in lab files",
                        "remove the tag; quote a value to make it text, e.g. \"5\"");
            }
        }
    }

    private static void syntaxError(JsonProcessingException e, Problems problems) {
        JsonLocation l = e.getLocation();
        int line = l == null ? 1 : Math.max(1, l.getLineNr());
        int column = l == null ? 1 : Math.max(1, l.getColumnNr());
        String message = e.getOriginalMessage();
        if (e.getCause() instanceof MarkedYAMLException m) {
            message = m.getProblem();
            if (m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                column = m.getProblemMark().getColumn() + 1;
            }
            if (m.getContext() != null && m.getContextMark() != null)
                message += " (" + m.getContext() + " at line " + (m.getContextMark().getLine() + 1) + ")";
        }
        if (e instanceof StreamConstraintsException || message.contains("exceeds the limit")) {
            problems.add(line, column, "the YAML reader's limit was hit: " + message.strip(), "see docs/lab-format.md#limits");
            return;
        }
        problems.add(line, column, "YAML syntax error: " + message.strip(),
                "check the indentation (spaces, not tabs) and that brackets and quotes are closed");
    }
}
