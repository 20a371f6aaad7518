package io.wirelab.labs.run;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labs shipped inside wirelab, as resources io/wirelab/labs/builtin/NAME.yaml (+ NAME.groovy),
 * listed in builtin/index.txt. resolve() takes a built-in name or a path to a lab file.
 */
public final class BuiltinLabs {
    private static final String BASE = "/io/wirelab/labs/builtin/";

    /** A built-in lab and its one-line description. */
    public record Entry(String name, String description) {}

    private BuiltinLabs() {}

    public static List<String> names() {
        String index = resource("index.txt");
        if (index == null) throw new IllegalStateException("builtin/index.txt is missing from the classpath");
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) names.add(t);
        }
        return names;
    }

    /**
     * Every built-in lab with its description, in index order: from the index the build generates
     * ({@link BuiltinLabsIndex}), else by reading every lab.
     */
    public static List<Entry> list() {
        List<Entry> generated = BuiltinLabsIndex.read();
        return generated != null ? generated : parsedList();
    }

    /** Every built-in lab with its description, read from its lab file; an invalid one throws. */
    static List<Entry> parsedList() {
        List<Entry> out = new ArrayList<>();
        for (String n : names()) {
            try {
                out.add(new Entry(n, builtin(n).description()));
            } catch (LabFileException e) {
                throw new IllegalStateException("built-in lab " + n + " is invalid:\n" + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A built-in lab by name. */
    public static LabSpec builtin(String name) throws LabFileException {
        String text = names().contains(name) ? resource(name + ".yaml") : null;
        if (text == null) throw unknown(name);
        return LabYamlReader.read("builtin/" + name + ".yaml", name, text, rel -> {
            String code = rel.contains("/") ? null : resource(rel);
            return code == null ? null : new LabYamlReader.LoadedScript("builtin/" + rel, code);
        });
    }

    /**
     * A path to an existing file (or anything that looks like one: a '/' or a .yaml/.yml ending) is read
     * as a lab file; any other text names a built-in lab.
     */
    public static LabSpec resolve(String nameOrPath) throws LabFileException {
        Path p = Path.of(nameOrPath);
        boolean looksLikeFile = nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml");
        if (looksLikeFile || Files.isRegularFile(p)) return LabYamlReader.read(p);
        return builtin(nameOrPath);
    }

    private static LabFileException unknown(String name) {
        List<String> names = names();
        String hint = DidYouMean.suggest(name, names) != null ? DidYouMean.hint(name, names)
                : "built-in labs: " + String.join(", ", names) + "; or give a path to a .yaml file";
        return new LabFileException(List.of(new LabProblem(name, 1, 1, "no lab file or built-in lab named '" + name + "'", hint)));
    }

    private static String resource(String name) {
        try (InputStream in = BuiltinLabs.class.getResourceAsStream(BASE + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
