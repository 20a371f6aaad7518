package io.wirelab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.ScriptSpec;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.labs.yaml.SweepYamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedMap;

/**
 * A planned sweep on disk, self-contained so that any machine with the same wirelab can run it:
 * {@code sweep.json} (name, wirelab version, timeout, item count), {@code lab.yaml} (the lab file as
 * written), {@code script.groovy} (the script the runs use, when it is not inline in lab.yaml) and
 * {@code items.jsonl} (one item per line, in index order).
 */
public record SweepPlan(Path dir, String name, String version, long timeoutNanos, String labText, String scriptText, List<SweepItem> items) {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String SWEEP = "sweep.json", ITEMS = "items.jsonl", LAB = "lab.yaml", SCRIPT = "script.groovy";

    /** The version of this wirelab (from the build), part of every run id. */
    public static String wirelabVersion() {
        Properties p = new Properties();
        try (InputStream in = SweepPlan.class.getResourceAsStream("/io/wirelab/cli/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    public static SweepPlan read(Path dir) throws IOException {
        JsonNode s = JSON.readTree(dir.resolve(SWEEP).toFile());
        String lab = Files.readString(dir.resolve(LAB));
        String script = Files.isRegularFile(dir.resolve(SCRIPT)) ? Files.readString(dir.resolve(SCRIPT)) : null;
        List<SweepItem> items = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(ITEMS), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode i = JSON.readTree(line);
            SequencedMap<String, String> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : i.get("parameters").properties()) params.put(e.getKey(), e.getValue().asText());
            items.add(new SweepItem(i.get("index").asInt(), i.get("id").asText(), params, i.get("seed").asLong()));
        }
        for (int k = 0; k < items.size(); k++)
            if (items.get(k).index() != k) throw new IOException(dir.resolve(ITEMS) + ": line " + (k + 1) + " has index " + items.get(k).index() + ", expected " + k);
        return new SweepPlan(dir, s.get("name").asText(), s.get("version").asText(), s.get("timeout_ns").asLong(), lab, script, items);
    }

    void write() throws IOException {
        Files.createDirectories(dir);
        ObjectNode s = JSON.createObjectNode();
        s.put("name", name);
        s.put("version", version);
        s.put("timeout_ns", timeoutNanos);
        s.put("items", items.size());
        Files.writeString(dir.resolve(SWEEP), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s) + "\n");
        Files.writeString(dir.resolve(LAB), labText);
        if (scriptText != null) Files.writeString(dir.resolve(SCRIPT), scriptText);
        else Files.deleteIfExists(dir.resolve(SCRIPT));
        StringBuilder sb = new StringBuilder();
        for (SweepItem i : items) sb.append(JSON.writeValueAsString(line(i))).append('\n');
        Files.writeString(dir.resolve(ITEMS), sb.toString());
    }

    static ObjectNode line(SweepItem i) {
        ObjectNode o = JSON.createObjectNode();
        o.put("index", i.index());
        o.put("id", i.id());
        ObjectNode p = o.putObject("parameters");
        i.parameters().forEach(p::put);
        o.put("seed", i.seed());
        return o;
    }

    /** The plan's lab with its script (script.groovy when present), ready for an item's parameters. */
    public LabSpec lab() throws LabFileException {
        LabSpec spec = LabYamlReader.read(dir.resolve(LAB).toString(), name, labText,
                rel -> scriptText == null ? null : new LabYamlReader.LoadedScript(dir.resolve(SCRIPT).toString(), scriptText));
        if (scriptText != null && (spec.script() == null || !spec.script().code().equals(scriptText)))
            spec = new LabSpec(spec.name(), spec.description(), spec.seed(), spec.nodes(), spec.links(), spec.captures(),
                    new ScriptSpec(dir.resolve(SCRIPT).toString(), scriptText, 1, false), spec.source());
        return spec;
    }

    /** The lab of one item: its parameters set, its seed. */
    public LabSpec lab(SweepItem item) throws LabFileException {
        return SweepYamlReader.applyParameters(lab(), item.parameters(), item.seed(), dir.resolve(ITEMS) + " item " + item.index());
    }
}
