package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSettings;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.sweep.SweepSpec;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.link.LinkParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Reads a sweep file (docs/sweeps.md) with the lab reader's machinery, and applies a sweep item's
 * parameters to a lab. A parameter is a lab setting: {@code link.KEY} sets KEY (LinkSettings.KEYS) on
 * every link, over the link's own value; {@code tcp.KEY} sets KEY (TcpSettings.KEYS) on every host,
 * a profile first. Each value is read as the lab file would read it there, at its line and column.
 */
public final class SweepYamlReader {
    static final List<String> SWEEP_KEYS = List.of("name", "lab", "script", "seeds", "parameters", "timeout");
    public static final int MAX_ITEMS = 1_000_000;
    static final int MAX_SEEDS = 100_000;

    private SweepYamlReader() {}

    public static SweepSpec read(Path file) throws LabFileException {
        String shown = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new LabFileException(List.of(new LabProblem(shown, 1, 1, "cannot read the sweep file: " + why, null)));
        }
        return read(shown, LabYamlReader.baseName(file.getFileName().toString()), text);
    }

    public static SweepSpec read(String source, String defaultName, String text) throws LabFileException {
        Problems problems = new Problems(source);
        ValueReader values = new ValueReader(problems);
        SweepSpec spec = sweep(source, defaultName, text, values);
        if (!problems.isEmpty()) throw new LabFileException(problems.sorted());
        return spec;
    }

    private static SweepSpec sweep(String source, String defaultName, String text, ValueReader values) {
        Problems problems = values.problems;
        YNode root = YamlTree.parse(text, problems);
        if (root == null) {
            if (problems.isEmpty()) problems.add(1, 1, "the sweep file is empty", "a sweep needs 'lab:'; see docs/sweeps.md");
            return null;
        }
        if (!(root instanceof YMap m)) {
            problems.add(root, "a sweep file must be a map of keys (lab, seeds, parameters, ...)", "see docs/sweeps.md");
            return null;
        }
        values.checkKeys(m, SWEEP_KEYS, "the sweep");
        String name = m.get("name") == null ? defaultName : values.text(m.get("name"), "a sweep name");
        String lab = null;
        if (m.get("lab") == null) problems.add(m, "the sweep has no 'lab:'", "lab: tcp-bulk (a built-in lab) or lab: my-lab.yaml (next to the sweep file)");
        else lab = values.text(m.get("lab"), "a built-in lab name or a lab file");
        String script = m.get("script") == null ? null : values.text(m.get("script"), "a Groovy file next to the sweep file");
        List<Long> seeds = seeds(m.get("seeds"), values);
        SequencedMap<String, List<String>> parameters = new LinkedHashMap<>();
        YMap params = values.optionalMap(m.get("parameters"), "parameters (setting: [values])");
        if (params != null) {
            for (YEntry e : params.entries()) {
                List<String> texts = parameter(e, values);
                if (texts != null) parameters.put(e.key(), texts);
            }
        }
        long timeout = 0;
        if (m.get("timeout") != null) {
            Long t = values.duration(m.get("timeout"));
            if (t != null && t <= 0) problems.add(m.get("timeout"), "timeout must be longer than 0", "e.g. timeout: 10m");
            else if (t != null) timeout = t;
        }
        SweepSpec spec = new SweepSpec(name == null ? defaultName : name, lab, script, seeds, parameters, timeout, source);
        if (spec.size() > MAX_ITEMS) problems.add(m, "the sweep makes " + spec.size() + " runs; the limit is " + MAX_ITEMS, "fewer values or seeds");
        return lab == null ? null : spec;
    }

    private static List<Long> seeds(YNode n, ValueReader values) {
        if (n == null) return List.of(LabSpec.DEFAULT_SEED);
        if (n instanceof YScalar) {
            Long count = values.integer(n, "seeds (a count: seeds 1..N)", 1, MAX_SEEDS);
            List<Long> out = new ArrayList<>();
            for (long s = 1; count != null && s <= count; s++) out.add(s);
            return out.isEmpty() ? List.of(LabSpec.DEFAULT_SEED) : out;
        }
        if (!(n instanceof YList l) || l.items().isEmpty()) {
            values.problems.add(n, "seeds is a count (seeds: 10 for 1..10) or a list of seeds", "e.g. seeds: [1, 2, 3]");
            return List.of(LabSpec.DEFAULT_SEED);
        }
        List<Long> out = new ArrayList<>();
        for (YNode i : l.items()) {
            Long s = values.integer(i, "a seed", Long.MIN_VALUE, Long.MAX_VALUE);
            if (s == null) continue;
            if (out.contains(s)) values.problems.add(i, "seed " + s + " is listed twice", null);
            else out.add(s);
        }
        return out.isEmpty() ? List.of(LabSpec.DEFAULT_SEED) : out;
    }

    /** The names a parameter may have: link.KEY and tcp.KEY. */
    static List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String k : Setting.keys(LinkSettings.KEYS)) names.add("link." + k);
        for (String k : Setting.keys(TcpSettings.KEYS)) names.add("tcp." + k);
        return names;
    }

    /** A parameter's values as written, each checked by reading it over the defaults; null when the name is unknown. */
    private static List<String> parameter(YEntry e, ValueReader values) {
        if (!parameterNames().contains(e.key())) {
            values.problems.add(e.line(), e.column(), "unknown parameter '" + e.key() + "': a parameter is link.KEY or tcp.KEY of a lab setting",
                    DidYouMean.suggest(e.key(), parameterNames()) != null ? DidYouMean.hint(e.key(), parameterNames()) : "see docs/sweeps.md#parameters");
            return null;
        }
        List<YNode> items = e.value() instanceof YList l ? l.items() : List.of(e.value());
        if (items.isEmpty()) {
            values.problems.add(e.value(), "the parameter has no values", "e.g. " + e.key() + ": [value1, value2]");
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (YNode v : items) {
            if (!(v instanceof YScalar sc) || sc.isNull()) {
                values.problems.add(v, "a parameter value is one scalar, e.g. 1%, 10ms, linux", null);
                continue;
            }
            if (apply(e.key(), v, values, LinkParams.DEFAULT, TcpSettings.DEFAULT) == null) continue;
            if (texts.contains(sc.text())) values.problems.add(v, "the value " + sc.text() + " is listed twice", null);
            else texts.add(sc.text());
        }
        return texts;
    }

    /** The setting applied over base (a LinkParams for link.*, a TcpSettings for tcp.*), or null when the value is wrong (reported). */
    private static Object apply(String parameter, YNode value, ValueReader values, LinkParams link, TcpSettings tcp) {
        String key = parameter.substring(parameter.indexOf('.') + 1);
        YMap one = new YMap(List.of(new YEntry(key, value.line(), value.column(), value)), value.line(), value.column());
        SettingsReader settings = new SettingsReader(values);
        if (parameter.startsWith("link.")) return settings.read(one, LinkSettings.KEYS, link, "a link");
        TcpSettings base = key.equals("profile") && value instanceof YScalar sc && TcpSettings.PROFILES.contains(sc.text().strip())
                ? tcp.withProfile(sc.text().strip()) : tcp;
        return settings.read(one, TcpSettings.KEYS, base, "tcp settings");
    }

    /**
     * The lab with a sweep item's parameters set (name to the value as written), seed included: link.*
     * on every link, tcp.* on every host, tcp.profile before the other tcp keys. LabFileException
     * (naming itemSource) when a value does not read.
     */
    public static LabSpec applyParameters(LabSpec lab, Map<String, String> parameters, long seed, String itemSource) throws LabFileException {
        Problems problems = new Problems(itemSource);
        ValueReader values = new ValueReader(problems);
        List<Map.Entry<String, String>> ordered = new ArrayList<>(parameters.entrySet());
        ordered.sort((a, b) -> Boolean.compare(!a.getKey().equals("tcp.profile"), !b.getKey().equals("tcp.profile")));
        List<LinkSpec> links = new ArrayList<>(lab.links());
        List<NodeSpec> nodes = new ArrayList<>(lab.nodes());
        for (Map.Entry<String, String> p : ordered) {
            if (!parameterNames().contains(p.getKey())) {
                problems.add(1, 1, "unknown parameter '" + p.getKey() + "'", null);
                continue;
            }
            YNode v = scalar(p.getValue(), problems);
            if (v == null) continue;
            if (p.getKey().startsWith("link.")) {
                for (int i = 0; i < links.size(); i++) {
                    LinkSpec l = links.get(i);
                    Object set = apply(p.getKey(), v, values, l.params(), null);
                    if (set != null) links.set(i, new LinkSpec(l.a(), l.b(), (LinkParams) set));
                }
            } else {
                for (int i = 0; i < nodes.size(); i++) {
                    NodeSpec n = nodes.get(i);
                    if (!n.kind().isHost()) continue;
                    Object set = apply(p.getKey(), v, values, null, new TcpSettings(n.tcp(), n.ephemeralPorts(), n.labSetsNagle()));
                    if (set instanceof TcpSettings t)
                        nodes.set(i, new NodeSpec(n.name(), n.kind(), n.interfaces(), n.gateway(), n.dnsServers(), n.services(), n.macAgingNanos(),
                                t.options(), t.ephemeralPorts(), t.labSetsNagle(), n.proxy(), n.routes(), n.trust(), n.macTableSize()));
                }
            }
        }
        if (!problems.isEmpty()) throw new LabFileException(problems.sorted());
        return new LabSpec(lab.name(), lab.description(), seed, nodes, links, lab.captures(), lab.script(), lab.source());
    }

    /** A value as written in the sweep file, typed as YAML typed it there. */
    private static YNode scalar(String text, Problems problems) {
        YNode root = YamlTree.parse("v: " + text, problems);
        return root instanceof YMap m && m.get("v") instanceof YScalar sc ? sc : null;
    }
}
