package io.wirelab.labs.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in labs' names and descriptions, written by the build (process-classes) to
 * builtin/descriptions.txt, so {@code wirelab labs} lists them without parsing every lab file.
 * One line per lab, in index order: NAME, a tab, the description with '\' and newlines escaped.
 * {@code BuiltinLabsIndex CLASSES_DIR} reads each built-in lab (an invalid one fails the build) and writes the file.
 */
public final class BuiltinLabsIndex {
    static final String FILE = "descriptions.txt";

    private BuiltinLabsIndex() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BuiltinLabsIndex CLASSES_DIR");
            System.exit(2);
        }
        Path file = Path.of(args[0], "io", "wirelab", "labs", "builtin", FILE);
        Files.writeString(file, render(BuiltinLabs.parsedList()), StandardCharsets.UTF_8);
    }

    static String render(List<BuiltinLabs.Entry> labs) {
        StringBuilder out = new StringBuilder();
        for (BuiltinLabs.Entry e : labs) {
            out.append(e.name()).append('\t')
                    .append(e.description().replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")).append('\n');
        }
        return out.toString();
    }

    /** The entries of the generated file, or null when the build did not write it. */
    static List<BuiltinLabs.Entry> read() {
        String text;
        try (InputStream in = BuiltinLabsIndex.class.getResourceAsStream("/io/wirelab/labs/builtin/" + FILE)) {
            if (in == null) return null;
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text);
    }

    static List<BuiltinLabs.Entry> parse(String text) {
        List<BuiltinLabs.Entry> labs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw new IllegalStateException("builtin/" + FILE + ": no tab in line '" + line + "'");
            labs.add(new BuiltinLabs.Entry(line.substring(0, tab), unescape(line.substring(tab + 1))));
        }
        return labs;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
        }
        return out.toString();
    }
}
