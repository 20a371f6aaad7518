package io.wirelab.labs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/lab.schema.json states every key of the settings tables with the table's type and bound, and
 * the model's other bounds; docs/lab-format.md names every key. So a key, a type or a range changes
 * in the table, and this test says which lines of the schema and the docs must follow.
 */
class LabSchemaConstraintsTest {
    private static final String REPO = System.getenv().getOrDefault("WIRELAB_REPO", "..");
    private static final Map<String, List<? extends Setting<?>>> TABLES = Map.of(
            "/$defs/tcpSettings", TcpSettings.KEYS,
            "/$defs/linkSettings", LinkSettings.KEYS,
            "/$defs/serverFault", ServerFaultSettings.KEYS);

    static JsonNode schema() throws Exception {
        return new ObjectMapper().readTree(Files.readString(Path.of(REPO, "docs", "lab.schema.json")));
    }

    @Test void everyTableKey_hasItsTypeAndBoundInTheSchema() throws Exception {
        JsonNode schema = schema();
        for (var table : TABLES.entrySet()) {
            JsonNode props = schema.at(table.getKey() + "/properties");
            assertThat(names(props)).as(table.getKey()).isEqualTo(new TreeSet<>(Setting.keys(table.getValue())));
            for (Setting<?> s : table.getValue()) {
                JsonNode p = props.get(s.key());
                String where = table.getKey() + "/" + s.key();
                switch (s) {
                    case Setting.Flag<?> f -> assertThat(p.path("type").asText()).as(where).isEqualTo("boolean");
                    case Setting.Percent<?> f -> assertThat(p.path("$ref").asText()).as(where).isEqualTo("#/$defs/percent");
                    case Setting.Ports<?> f -> assertThat(p.path("pattern").asText()).as(where).isNotEmpty();
                    case Setting.Choice<?> c -> assertThat(texts(p.path("enum"))).as(where).isEqualTo(c.words());
                    case Setting.Quantity<?> q -> checkQuantity(where, p, q);
                }
            }
        }
    }

    private static void checkQuantity(String where, JsonNode p, Setting.Quantity<?> q) {
        if (q.kind() == Setting.Kind.COUNT) {
            assertThat(p.path("type").asText()).as(where).isEqualTo("integer");
            assertThat(p.path("minimum").asLong()).as(where + " minimum").isEqualTo(q.min().value());
            assertThat(p.path("maximum").asLong()).as(where + " maximum").isEqualTo(q.max().value());
            return;
        }
        String def = switch (q.kind()) {
            case DURATION -> "duration";
            case SIZE -> "size";
            case RATE -> "rate";
            default -> throw new AssertionError(q.kind());
        };
        assertThat(p.path("$ref").asText()).as(where).isEqualTo("#/$defs/" + def);
        if (q.bounded()) assertThat(p.path("description").asText()).as(where + " states its range").startsWith(q.rangeText());
        else assertThat(p.path("description").asText()).as(where + " has no range").doesNotContain("..");
    }

    @Test void theModelsOtherBounds_areTheSchemas() throws Exception {
        JsonNode schema = schema();
        checkInteger(schema, "/$defs/switch/properties/ports", 1, NodeSpec.MAX_SWITCH_PORTS);
        checkInteger(schema, "/$defs/switch/properties/mac-table-size", 1, NodeSpec.MAX_MAC_TABLE_SIZE);
        checkInteger(schema, "/$defs/web/properties/port", 1, WebServerSpec.MAX_PORT);
        checkInteger(schema, "/$defs/web/properties/https/anyOf/1", 1, WebServerSpec.MAX_PORT);
        checkInteger(schema, "/$defs/web/properties/keepalive-max", 1, WebServerSpec.MAX_KEEPALIVE_REQUESTS);
        checkInteger(schema, "/$defs/proxy/properties/port", 1, WebServerSpec.MAX_PORT);
    }

    private static void checkInteger(JsonNode schema, String pointer, long min, long max) {
        JsonNode p = schema.at(pointer);
        assertThat(p.path("type").asText()).as(pointer).isEqualTo("integer");
        assertThat(p.path("minimum").asLong()).as(pointer + " minimum").isEqualTo(min);
        assertThat(p.path("maximum").asLong()).as(pointer + " maximum").isEqualTo(max);
    }

    @Test void everyTableKey_isInTheLabFormatDoc() throws Exception {
        String doc = Files.readString(Path.of(REPO, "docs", "lab-format.md"));
        for (var table : TABLES.values())
            for (Setting<?> s : table) assertThat(doc).as(s.key()).contains("`" + s.key() + "`");
        for (var s : TcpSettings.KEYS)
            if (s instanceof Setting.Quantity<?> q && q.kind() == Setting.Kind.COUNT)
                assertThat(doc).as(q.key() + "'s range").contains(q.min().value() + ".." + q.max().value());
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> out = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
