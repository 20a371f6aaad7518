package io.wirelab.console;

import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.LabScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: {@code :commands} at the start of a line, variable names (devices, lab, your own),
 * and after a dot the methods and properties of what is left of it ({@code pc1.pi} -> {@code pc1.ping},
 * {@code lab.pc1.ar} -> {@code lab.pc1.arp}, {@code pc1.http.} -> the HTTP client's members by type).
 * Nothing is evaluated: device variables are looked up, the rest by static type.
 */
public final class ConsoleCompleter implements Completer {
    private static final Pattern TAIL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)?(\\.)?([A-Za-z_][A-Za-z0-9_]*)?$");
    private final Console console;

    public ConsoleCompleter(Console console) { this.console = console; }

    @Override public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        boolean lineStart = line.line().substring(0, line.cursor()).strip().equals(word.strip());
        for (String c : complete(word, lineStart)) candidates.add(new Candidate(c, display(c), null, null, null, null, false));
    }

    private static String display(String value) {
        int dot = value.lastIndexOf('.');
        return dot >= 0 && dot < value.length() - 1 ? value.substring(dot + 1) : value;
    }

    /** Completions for the text left of the cursor within one word; each is the whole word as it would read. */
    public List<String> complete(String word, boolean atLineStart) {
        List<String> out = new ArrayList<>();
        if (atLineStart && word.startsWith(":")) {
            for (String c : console.commands().keySet()) if (c.startsWith(word)) out.add(c);
            return out;
        }
        Matcher m = TAIL.matcher(word);
        if (!m.find()) return out;
        String before = word.substring(0, m.start());
        String path = m.group(1), dot = m.group(2), partial = m.group(3) == null ? "" : m.group(3);
        if (dot == null) {
            // a bare name: path holds it (the regex puts a dotless identifier in group 1)
            String prefix = path == null ? "" : path;
            int lastDot = prefix.lastIndexOf('.');
            if (lastDot >= 0) return members(before + prefix.substring(0, lastDot + 1), prefix.substring(0, lastDot), prefix.substring(lastDot + 1));
            for (String n : topLevel()) if (n.startsWith(prefix)) out.add(before + n);
            return out;
        }
        return members(before + path + ".", path, partial);
    }

    private List<String> members(String head, String path, String partial) {
        List<String> out = new ArrayList<>();
        Class<?> type = typeOf(path);
        if (type == null) return out;
        TreeSet<String> names = new TreeSet<>();
        names.addAll(DslMembers.methods(type));
        names.addAll(DslMembers.properties(type));
        if (type == LabFacade.class) names.addAll(console.facade().getDevices().keySet());
        for (String n : names) if (n.startsWith(partial)) out.add(head + n);
        return out;
    }

    /** The type of a dotted path: a binding variable, then device names of lab, then property types. */
    private Class<?> typeOf(String path) {
        String[] parts = path.split("\\.");
        Object value = console.binding().getVariables().get(parts[0]);
        if (value == null) return null;
        Class<?> type = value.getClass();
        for (int i = 1; i < parts.length; i++) {
            if (value instanceof LabFacade lab && lab.getDevices().containsKey(parts[i])) {
                value = lab.getDevices().get(parts[i]);
                type = value.getClass();
                continue;
            }
            value = null;
            type = DslMembers.propertyType(type, parts[i]);
            if (type == null) return null;
        }
        return type;
    }

    private List<String> topLevel() {
        TreeSet<String> names = new TreeSet<>();
        for (Object k : ((Map<?, ?>) console.binding().getVariables()).keySet()) names.add(String.valueOf(k));
        names.remove("out");
        names.addAll(DslMembers.methods(LabScript.class));
        names.addAll(DslMembers.properties(LabScript.class));
        names.remove("binding");
        names.remove("lab");
        names.add("lab");
        names.addAll(List.of("println", "assert", "def"));
        return new ArrayList<>(names);
    }
}
