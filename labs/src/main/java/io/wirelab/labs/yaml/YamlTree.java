package io.wirelab.labs.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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

    /** A scalar; text is the source text ("" for an empty value), isNull for ~, null or nothing. */
    record YScalar(String text, boolean isNull, int line, int column) implements YNode {}

    /** Parses text; syntax errors and duplicate keys go to problems. Returns null when nothing usable was read. */
    static YNode parse(String text, Problems problems) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            return read(p, t, problems);
        } catch (JsonProcessingException e) {
            syntaxError(e, problems);
            return null;
        } catch (IOException e) {
            problems.add(1, 1, "cannot read the lab file: " + e.getMessage(), null);
            return null;
        }
    }

    private static YNode read(JsonParser p, JsonToken t, Problems problems) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                List<YEntry> entries = new ArrayList<>();
                Map<String, YEntry> seen = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    YNode value = read(p, p.nextToken(), problems);
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
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) items.add(read(p, i, problems));
                return new YList(List.copyOf(items), line, column);
            }
            case VALUE_NULL -> { return new YScalar(p.getText() == null ? "" : p.getText(), true, line, column); }
            default -> { return new YScalar(p.getText(), false, line, column); }
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
        problems.add(line, column, "YAML syntax error: " + message.strip(),
                "check the indentation (spaces, not tabs) and that brackets and quotes are closed");
    }
}
