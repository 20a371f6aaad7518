package io.wirelab.labs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 finding 6: docs/lab.schema.json and the reader are one truth. Every bounded quantity of
 * the model (the settings tables and the other keys with a range) carries its range in the schema
 * as generated patterns, so the schema refuses receive-buffer: 1GiB as the reader does; the two
 * agree on values at and around every bound; every property of every section has a type, every
 * integer its range; and the address patterns are LabLimits'. Regenerate the bounds with
 * -Dschema.update=true after a model change, then read the diff.
 */
class LabSchemaBoundsTest {
    private static final Path SCHEMA = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", ".."), "docs", "lab.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * A bounded key: where its schema property is, its kind and range, and a lab that sets it to %s.
     * dependent: a bound is another key's value (min-rto <= max-rto), which the schema cannot state;
     * step: the value's granularity (a lease counts whole seconds, which the reader checks alone).
     */
    record Bounded(String pointer, Setting.Kind kind, long min, long max, String lab, boolean dependent, long step) {
        Bounded(String pointer, Setting.Kind kind, long min, long max, String lab) { this(pointer, kind, min, max, lab, false, 1); }
    }

    private static final String HOST_TCP = "nodes:\n  pc1: { kind: pc, tcp: { %s: %%s } }\n";
    private static final String LINK = "nodes:\n  a: { kind: pc }\n  b: { kind: pc }\nlinks:\n  - [a, b, { %s: %%s }]\n";
    private static final String FAULT = "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { web: { fault: { %s: %%s } } } }\n";

    static List<Bounded> bounded() {
        List<Bounded> out = new ArrayList<>();
        table(out, "/$defs/tcpSettings", TcpSettings.KEYS, HOST_TCP);
        table(out, "/$defs/linkSettings", LinkSettings.KEYS, LINK);
        table(out, "/$defs/serverFault", ServerFaultSettings.KEYS, FAULT);
        out.add(new Bounded("/$defs/switch/properties/aging", Setting.Kind.DURATION, NodeSpec.MIN_MAC_AGING_NANOS, NodeSpec.MAX_MAC_AGING_NANOS,
                "nodes:\n  sw1: { kind: switch, aging: %s }\n"));
        out.add(new Bounded("/$defs/dhcp/properties/lease", Setting.Kind.DURATION, DhcpServerSpec.MIN_LEASE_NANOS, DhcpServerSpec.MAX_LEASE_NANOS,
                "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { dhcp: { pool: 10.0.0.10-10.0.0.20, lease: %s } } }\n", false, 1_000_000_000L));
        out.add(new Bounded("/$defs/page/properties/size", Setting.Kind.SIZE, 0, WebServerSpec.MAX_PAGE_BYTES,
                "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { web: { pages: { /big: { size: %s } } } } }\n"));
        out.add(new Bounded("/$defs/web/properties/keepalive-timeout", Setting.Kind.DURATION, 1, WebServerSpec.MAX_KEEPALIVE_TIMEOUT_NANOS,
                "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { web: { keepalive-timeout: %s } } }\n"));
        return out;
    }

    /** A bound on another key (min-rto <= max-rto) is checked here by that key's own fixed bound. */
    private static <T> void table(List<Bounded> out, String def, List<Setting<T>> keys, String lab) {
        Map<String, Setting.Quantity<T>> byKey = new LinkedHashMap<>();
        for (Setting<T> s : keys) if (s instanceof Setting.Quantity<T> q) byKey.put(q.key(), q);
        for (Setting.Quantity<T> q : byKey.values()) {
            if (q.kind() == Setting.Kind.COUNT) continue;
            long min = q.min().isFixed() ? q.min().value() : byKey.get(q.min().otherKey()).min().value();
            long max = q.max().isFixed() ? q.max().value() : byKey.get(q.max().otherKey()).max().value();
            out.add(new Bounded(def + "/properties/" + q.key(), q.kind(), min, max, lab.formatted(q.key()), !q.min().isFixed() || !q.max().isFixed(), 1));
        }
    }

    private static Map<String, Long> units(Setting.Kind kind) {
        return switch (kind) {
            case DURATION -> Units.durationUnits();
            case SIZE -> Units.sizeUnits();
            case RATE -> Units.rateUnits();
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    /** "^\s*(?:(NUMBER)\s*(?:UNIT)|...)\s*$" over every unit, each number at most (or at least) the bound in that unit. */
    private static String pattern(Setting.Kind kind, long bound, boolean atMost) {
        List<String> alternatives = new ArrayList<>();
        for (var u : units(kind).entrySet()) {
            // minutes and hours do not divide every bound: 20 decimals, rounded towards the inside of the range
            BigDecimal inUnit = BigDecimal.valueOf(bound).divide(BigDecimal.valueOf(u.getValue()), 20, atMost ? RoundingMode.FLOOR : RoundingMode.CEILING);
            String number = atMost ? DecimalBounds.atMost(inUnit) : DecimalBounds.atLeast(inUnit);
            alternatives.add("(?:" + number + ")\\s*" + u.getKey());
        }
        if (kind == Setting.Kind.SIZE) alternatives.add(atMost ? DecimalBounds.atMost(BigDecimal.valueOf(bound)) : DecimalBounds.atLeast(BigDecimal.valueOf(bound)));
        if (kind == Setting.Kind.DURATION && atMost) alternatives.add("0+(\\.0+)?");
        return "^\\s*(?:" + String.join("|", alternatives) + ")\\s*$";
    }

    /** The anyOf that states b's range: the plain YAML number form (where the kind has one) and the text form. */
    static JsonNode bounds(Bounded b) {
        ArrayNode any = JSON.createArrayNode();
        if (b.kind() == Setting.Kind.SIZE) any.addObject().put("type", "integer").put("minimum", b.min()).put("maximum", b.max());
        if (b.kind() == Setting.Kind.DURATION && b.min() == 0) any.addObject().put("const", 0);
        if (b.kind() == Setting.Kind.RATE) any.addObject().put("const", "unlimited");
        ObjectNode text = any.addObject().put("type", "string");
        ArrayNode all = text.putArray("allOf");
        all.addObject().put("pattern", pattern(b.kind(), b.max(), true));
        if (b.min() > 0) all.addObject().put("pattern", pattern(b.kind(), b.min(), false));
        return any;
    }

    @Test void everyBoundedQuantity_statesItsRangeInTheSchema() throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree(Files.readString(SCHEMA));
        boolean update = Boolean.getBoolean("schema.update");
        List<String> stale = new ArrayList<>();
        for (Bounded b : bounded()) {
            JsonNode p = schema.at(b.pointer());
            assertThat(p.isObject()).as(b.pointer() + " is in the schema").isTrue();
            if (p.path("anyOf").equals(JSON.readTree(bounds(b).toString()))) continue;   // numbers as the file reads them
            if (update) ((ObjectNode) p).set("anyOf", bounds(b));
            else stale.add(b.pointer());
        }
        if (update) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            Files.writeString(SCHEMA, JSON.writer(pp).writeValueAsString(schema) + "\n");
        }
        assertThat(stale).as("schema properties whose range is not the model's (run with -Dschema.update=true)").isEmpty();
    }

    /** The reader's verdict and the schema's on values at, just inside and just outside each bound, in several units. */
    @Test void schemaAndReader_agreeAroundEveryBound() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        for (Bounded b : bounded()) {
            if (b.dependent()) continue;
            for (String v : samples(b)) {
                String lab = b.lab().formatted(v);
                boolean readerOk = readerAccepts(lab);
                boolean schemaOk = schema.validate(YAML.readTree(lab)).isEmpty();
                checked++;
                if (readerOk != schemaOk) disagreements.add(b.pointer() + " = " + v + ": reader " + (readerOk ? "accepts" : "refuses")
                        + ", schema " + (schemaOk ? "accepts" : "refuses"));
            }
        }
        assertThat(checked).isGreaterThan(200);
        assertThat(disagreements).isEmpty();
    }

    private static List<String> samples(Bounded b) {
        List<String> out = new ArrayList<>();
        for (long edge : List.of(b.min(), b.max())) {
            for (long v : List.of(edge - b.step(), edge, edge + b.step())) {
                if (v < 0 || (b.kind() == Setting.Kind.RATE && v == 0)) continue;
                for (var u : units(b.kind()).entrySet()) {
                    long f = u.getValue();
                    if (v % f == 0) out.add(v / f + u.getKey());
                    else if (f <= 1_000_000_000L && f > 1) out.add(BigDecimal.valueOf(v).divide(BigDecimal.valueOf(f)).toPlainString() + u.getKey());
                }
                if (b.kind() == Setting.Kind.SIZE) { out.add(Long.toString(v)); out.add("\"" + v + "\""); }
            }
        }
        out.add(b.kind() == Setting.Kind.RATE ? "unlimited" : "0");
        out.add("1GiB".replace("GiB", b.kind() == Setting.Kind.SIZE ? "GiB" : b.kind() == Setting.Kind.RATE ? "Gbps" : "h"));
        return out;
    }

    private static boolean readerAccepts(String lab) {
        try {
            LabYamlReader.read("t.yaml", "t", lab, n -> null);
            return true;
        } catch (LabFileException e) {
            return false;
        }
    }

    @Test void everyPropertyOfEverySection_hasATypeAndEveryIntegerARange() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(SCHEMA));
        List<String> untyped = new ArrayList<>();
        List<JsonNode> sections = new ArrayList<>(List.of(schema));
        schema.path("$defs").forEach(sections::add);
        int properties = 0;
        for (JsonNode section : sections) {
            for (var e : section.path("properties").properties()) {
                JsonNode p = e.getValue();
                properties++;
                boolean typed = p.has("type") || p.has("$ref") || p.has("enum") || p.has("const") || p.has("anyOf") || p.has("oneOf");
                if (!typed) untyped.add(e.getKey());
                if (p.path("type").asText().equals("integer") && (!p.has("minimum") || !p.has("maximum"))) untyped.add(e.getKey() + " (no range)");
            }
        }
        assertThat(properties).isGreaterThan(100);
        assertThat(untyped).isEmpty();
        JsonNode seed = schema.at("/properties/seed");
        assertThat(seed.path("minimum").bigIntegerValue()).isEqualTo(java.math.BigInteger.valueOf(Long.MIN_VALUE));
        assertThat(seed.path("maximum").bigIntegerValue()).isEqualTo(java.math.BigInteger.valueOf(Long.MAX_VALUE));
    }

    @Test void addressPatterns_areTheReaders() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(SCHEMA));
        assertThat(schema.at("/$defs/ipv4/pattern").asText()).isEqualTo("^" + LabLimits.IPV4_PATTERN + "$");
        assertThat(schema.at("/$defs/interfaceAddress/anyOf/0/pattern").asText())
                .isEqualTo("^" + LabLimits.IPV4_PATTERN + "/" + LabLimits.PREFIX_PATTERN + "$");
    }

    @Test void theIssuesExamples_areRefusedByTheSchema() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        for (String lab : List.of("nodes:\n  pc1: { kind: pc, tcp: { receive-buffer: 1GiB } }\n",
                "seed: 9223372036854775808\nnodes:\n  pc1: { kind: pc }\n",
                "nodes:\n  pc1: { kind: pc, ip: 010.000.000.001/24 }\n",
                "nodes:\n  pc1: { kind: pc, ip: \u0661\u0660.\u0660.\u0660.\u0661/24 }\n",
                "name: true\nnodes:\n  pc1: { kind: pc }\n",
                "nodes:\n  a: { kind: pc }\n  b: { kind: pc }\nlinks:\n  - [a, b, { bandwidth: 0Mbps }]\n"))
            assertThat(schema.validate(YAML.readTree(lab))).as(lab).isNotEmpty();
    }
}
