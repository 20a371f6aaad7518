package io.wirelab.labs.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded mutation fuzzer for lab files (issue 12): each iteration mutates a built-in lab, by its
 * structure (delete, duplicate, rename or retype a key, extreme numbers, Unicode, deep nesting) or
 * by its text (aliases, tags, a second document, cuts, odd characters), and reads it. The reader
 * must either accept the file, and then the lab must build and run a virtual second, or refuse it
 * with problems at file:line:col; anything else (an uncaught exception, a problem without a
 * position, a stack trace in a message) is a failure, reported with its seed and the file.
 * Short by default; `-Dfuzz.iterations=N` (and `-Dfuzz.seed=S`) for a long run.
 */
class LabFileFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 300);
    private static final long SEED = Long.getLong("fuzz.seed", 12);
    private static final Pattern POSITIONED = Pattern.compile("fuzz\\.yaml:[1-9][0-9]*:[1-9][0-9]*: \\S.*", Pattern.DOTALL);
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final List<String> EXTREMES = List.of("0", "-1", "1", "65536", "2147483648", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "1e308", "NaN", ".inf", "0x7fffffff", "010", "1_000",
            "0s", "0Mbps", "0B", "0%", "100%", "100.0001%", "1GiB", "2GB", "9999999999999999999h", "1ns", "1e3ms",
            "255.255.255.255/32", "0.0.0.0/0", "224.0.0.1/24", "10.0.0.1/33", "010.000.000.001/24",
            "\u0661\u0660.\u0660.\u0660.\u0661/24", "unlimited", "dhcp", "all", "true", "~", "", " ", "\t",
            "ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", "pc1:eth0", "sw1:p0", "sw1:p99999", "a".repeat(300),
            "\u202e\u0000\uffff", "\ud83d\ude00", "..", "/etc", "${x}", "'", "\"", "*x", "&x");
    private static final List<String> KEYS = List.of("name", "kind", "ip", "mac", "ports", "aging", "links", "nodes", "captures",
            "script", "services", "dhcp", "dns", "web", "pages", "size", "body", "tcp", "bandwidth", "delay", "loss", "mtu",
            "queue", "seed", "defaults", "link", "interface", "interfaces", "gateway", "pool", "lease", "zones", "https",
            "receive-buffer", "profile", "directory", "sites", "names");

    private final JsonNodeFactory json = JsonNodeFactory.instance;

    record Seed(String name, String text) {}

    @Test void mutatedBuiltinLabs_areReadOrRefusedAtAPosition_andWhatIsReadRuns() throws Exception {
        List<Seed> seeds = new ArrayList<>();
        for (String n : BuiltinLabs.names()) seeds.add(new Seed(n, resource(n + ".yaml")));
        SplittableRandom random = new SplittableRandom(SEED);
        int accepted = 0, refused = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ITERATIONS && failures.size() < 5; i++) {
            long caseSeed = random.nextLong();
            Seed seed = seeds.get((int) Long.remainderUnsigned(caseSeed, seeds.size()));
            String text = mutate(seed.text(), new SplittableRandom(caseSeed));
            String failure = check(seed.name(), text);
            if (failure == null) refused++;
            else if (failure.isEmpty()) accepted++;
            else failures.add("case " + i + " (fuzz.seed " + SEED + ", case seed " + caseSeed + ", from " + seed.name() + "): " + failure
                    + "\n--- file ---\n" + text + "\n------------");
        }
        System.out.println("lab file fuzz: " + ITERATIONS + " files, " + accepted + " read and run, " + refused + " refused at a position, "
                + failures.size() + " failures");
        assertThat(failures).isEmpty();
        assertThat(refused).as("the mutations reach the checks").isPositive();
    }

    /** null: refused at positions; "": read, built and run; else what went wrong. */
    private static String check(String builtin, String text) {
        LabSpec spec;
        try {
            spec = LabYamlReader.read("fuzz.yaml", "fuzz", text, rel -> {
                String code = rel.contains("/") ? null : resourceOrNull(rel);
                return code == null ? null : new LabYamlReader.LoadedScript(rel, code);
            });
        } catch (LabFileException e) {
            for (LabProblem p : e.problems()) {
                String s = p.toString();
                if (!POSITIONED.matcher(s).matches() || p.line() < 1 || p.column() < 1) return "a problem without a position: " + s;
                if (s.contains("Exception") || s.contains("\tat ") || s.contains("java.")) return "a problem that shows an exception: " + s;
            }
            return null;
        } catch (Throwable t) {
            return "the reader threw " + trace(t);
        }
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.withoutCaptures())) {
            lab.run(1_000_000_000L);
            return "";
        } catch (Throwable t) {
            return "read as valid, but building or running it threw " + trace(t);
        }
    }

    private static String trace(Throwable t) {
        StringBuilder s = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) s.append("\n    at ").append(st[i]);
        return s.toString();
    }

    // mutations

    private String mutate(String text, SplittableRandom r) throws IOException {
        int rounds = r.nextInt(10) < 7 ? 1 : 2;
        String t = text;
        for (int k = 0; k < rounds; k++) t = r.nextInt(3) == 0 ? mutateText(t, r) : mutateTree(t, r);
        return t;
    }

    private String mutateTree(String text, SplittableRandom r) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            return mutateText(text, r);                                   // an earlier mutation broke the syntax
        }
        if (root == null || !root.isContainerNode()) return mutateText(text, r);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) return mutateText(text, r);
        Slot s = slots.get(r.nextInt(slots.size()));
        JsonNode v = s.get();
        switch (r.nextInt(9)) {
            case 0 -> s.delete();
            case 1 -> s.set(json.textNode(pick(EXTREMES, r)));
            case 2 -> s.set(extremeNumber(r));
            case 3 -> s.set(retype(v, r));
            case 4 -> s.set(nest(v, 20 + r.nextInt(60), r));
            case 5 -> s.rename(pick(KEYS, r));
            case 6 -> s.duplicate(pick(KEYS, r));
            case 7 -> s.set(json.textNode(unicode(r)));
            default -> s.set(json.booleanNode(r.nextBoolean()));
        }
        return YAML.writeValueAsString(root);
    }

    private JsonNode extremeNumber(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> json.numberNode(Long.MAX_VALUE);
            case 1 -> json.numberNode(BigInteger.TWO.pow(64 + r.nextInt(200)));
            case 2 -> json.numberNode(-r.nextInt(1000));
            case 3 -> json.numberNode(1e300);
            default -> json.numberNode(r.nextInt(70000));
        };
    }

    private JsonNode retype(JsonNode v, SplittableRandom r) {
        if (v.isObject()) return r.nextBoolean() ? json.arrayNode().add(v) : json.textNode(v.toString());
        if (v.isArray()) return v.isEmpty() ? json.objectNode() : r.nextBoolean() ? v.get(0) : json.objectNode().set("x", v);
        if (v.isTextual() && v.asText().matches("[0-9]+")) return json.numberNode(Long.parseLong(v.asText().substring(0, Math.min(18, v.asText().length()))));
        return r.nextBoolean() ? json.objectNode().set(v.asText().isEmpty() ? "x" : v.asText(), v) : json.arrayNode().add(v).add(v);
    }

    private JsonNode nest(JsonNode v, int depth, SplittableRandom r) {
        JsonNode n = v;
        for (int i = 0; i < depth; i++) n = r.nextBoolean() ? json.arrayNode().add(n) : json.objectNode().set("k", n);
        return n;
    }

    private static String unicode(SplittableRandom r) {
        int[] pool = {0x0661, 0x06F5, 0x0966, 0xFF11, 0x202E, 0x200B, 0xFEFF, 0x1F600, 0x00B5, 0x0130, 0x212A, 0x0000, 0x0085, 0x2028};
        StringBuilder s = new StringBuilder("10.0.0.");
        for (int i = 0; i < 1 + r.nextInt(4); i++) s.appendCodePoint(pool[r.nextInt(pool.length)]);
        return r.nextBoolean() ? s.toString() : s.substring(7);
    }

    private static String mutateText(String text, SplittableRandom r) {
        String[] lines = text.split("\n", -1);
        int at = r.nextInt(lines.length);
        return switch (r.nextInt(10)) {
            case 0 -> text.substring(0, r.nextInt(text.length() + 1));                                      // cut anywhere
            case 1 -> replaceValue(lines, at, "*" + pick(List.of("p", "x", "undefined", "a"), r));          // an alias
            case 2 -> replaceValue(lines, at, "&x " + valueOf(lines[at]));                                   // an anchor
            case 3 -> replaceValue(lines, at, pick(List.of("!!str ", "!!int ", "!!binary ", "!foo ", "!!map "), r) + valueOf(lines[at]));
            case 4 -> text + "\n---\n" + text;                                                               // a second document
            case 5 -> join(lines, at, lines[at] + "\n" + lines[at]);                                         // a duplicated line
            case 6 -> join(lines, at, "\t" + lines[at]);                                                     // a tab
            case 7 -> replaceValue(lines, at, pick(EXTREMES, r));
            case 8 -> "base: &b { kind: pc }\n" + text.replace("{ kind: pc", "{ <<: *b, kind: pc");          // a merge key
            default -> join(lines, at, "[".repeat(r.nextInt(200)) + lines[at]);
        };
    }

    private static String valueOf(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line.strip() : line.substring(colon + 2);
    }

    private static String replaceValue(String[] lines, int at, String value) {
        String l = lines[at];
        int colon = l.indexOf(": ");
        return join(lines, at, colon < 0 ? l + " " + value : l.substring(0, colon + 2) + value);
    }

    private static String join(String[] lines, int at, String replacement) {
        String[] copy = lines.clone();
        copy[at] = replacement;
        return String.join("\n", copy);
    }

    private static <T> T pick(List<T> list, SplittableRandom r) { return list.get(r.nextInt(list.size())); }

    /** A place in the tree: a map entry or a list item, which a mutation replaces, removes or copies. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() { return parent.isObject() ? parent.get(key) : parent.get(index); }

        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) o.set(key, v);
            else ((ArrayNode) parent).set(index, v);
        }

        void delete() {
            if (parent instanceof ObjectNode o) o.remove(key);
            else ((ArrayNode) parent).remove(index);
        }

        void rename(String newKey) {
            if (parent instanceof ObjectNode o) o.set(newKey, o.remove(key));
            else ((ArrayNode) parent).add(get());
        }

        void duplicate(String newKey) {
            if (parent instanceof ObjectNode o) o.set(newKey, get().deepCopy());
            else ((ArrayNode) parent).add(get().deepCopy());
        }
    }

    private static void collect(JsonNode n, List<Slot> out) {
        if (n instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.add(new Slot(o, e.getKey(), -1));
                collect(e.getValue(), out);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    private static String resource(String name) throws IOException {
        String s = resourceOrNull(name);
        if (s == null) throw new IOException("no built-in resource " + name);
        return s;
    }

    private static String resourceOrNull(String name) {
        try (InputStream in = BuiltinLabs.class.getResourceAsStream("/io/wirelab/labs/builtin/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
