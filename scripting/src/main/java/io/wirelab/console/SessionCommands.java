package io.wirelab.console;

import groovy.lang.Closure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The console's commands about the session rather than the lab: its inputs (:history, and :save,
 * which writes them as a lab script) and its variables (:vars).
 */
final class SessionCommands {
    private final Console console;
    private final List<String> history = new ArrayList<>();

    SessionCommands(Console console) { this.console = console; }

    /** Records an input as typed (without trailing blanks). */
    void record(String input) { history.add(input.stripTrailing()); }

    /** Drops the input recorded last (a replayed input is not typed again). */
    void forgetLast() { history.removeLast(); }

    /** :history: the inputs, numbered; the lines of a multi-line input indented under its first. */
    void history() {
        int w = Integer.toString(history.size()).length();
        for (int i = 0; i < history.size(); i++) {
            String n = Integer.toString(i + 1);
            console.out().println(" ".repeat(w - n.length()) + n + "  " + history.get(i).replace("\n", "\n" + " ".repeat(w + 2)));
        }
    }

    /** Writes the inputs before it as a lab script: Groovy as typed, :run and :link up/down as DSL calls, other commands as comments. */
    void save(String file) {
        if (file.isEmpty()) {
            console.error("usage: :save session.groovy");
            return;
        }
        List<String> inputs = history.subList(0, history.size() - 1);
        StringBuilder script = new StringBuilder("// wirelab console session on lab " + console.lab().name() + " (run it: wirelab run LAB --script FILE)\n");
        for (String input : inputs) script.append(asScript(input)).append('\n');
        Path p = Path.of(file);
        try {
            Files.writeString(p, script);
            console.out().println("saved " + inputs.size() + " inputs to " + p);
        } catch (IOException e) {
            console.error("cannot write " + file + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private static String asScript(String input) {
        String t = input.strip();
        if (!t.startsWith(":")) return input;
        String[] w = t.split("\\s+");
        Matcher m = LabCommands.RUN_ARG.matcher(t.substring(w[0].length()).strip());
        if (w[0].equals(":run") && m.matches()) return "lab.run(" + m.group(1) + "." + m.group(2) + ")";
        if (w[0].equals(":link") && w.length == 3 && (w[2].equals("down") || w[2].equals("up"))) return "lab.link('" + w[1] + "')." + w[2] + "()";
        return "// " + t;
    }

    /** :vars: your variables and methods (not the devices and lab): name, type, value on one line. */
    void vars() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) console.binding().getVariables()).entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (name.equals("lab") || name.equals("out") || console.facade().getDevices().containsKey(name)) continue;
            String type = v == null ? "-" : v instanceof Closure<?> ? "method" : v.getClass().getSimpleName();
            String value = v instanceof Closure<?> cl
                    ? name + "(" + String.join(", ", Arrays.stream(cl.getParameterTypes()).map(Class::getSimpleName).toList()) + ")"
                    : oneLine(Tables.render(v));
            rows.add(List.of(name, type, value));
        }
        console.out().println(rows.isEmpty() ? "no variables yet (def x = 1, int y = 2, def f(a) { ... })" : Tables.table(List.of("NAME", "TYPE", "VALUE"), rows));
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
