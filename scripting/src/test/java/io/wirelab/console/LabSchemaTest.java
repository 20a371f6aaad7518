package io.wirelab.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.yaml.LabYamlReader;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/lab.schema.json accepts every built-in lab and every YAML example in docs/, rejects typos,
 * and names exactly the keys LabYamlReader accepts, so schema and reader cannot drift apart.
 */
class LabSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Reader key list -> the schema object (a JSON pointer) whose properties must be the same set. */
    private static final Map<String, String> KEY_LISTS = new LinkedHashMap<>();

    static {
        KEY_LISTS.put("LAB_KEYS", "");
        KEY_LISTS.put("HOST_KEYS", "/$defs/host");
        KEY_LISTS.put("SWITCH_KEYS", "/$defs/switch");
        KEY_LISTS.put("ROUTER_KEYS", "/$defs/router");
        KEY_LISTS.put("ROUTER_IFACE_KEYS", "/$defs/routerInterface");
        KEY_LISTS.put("ROUTE_KEYS", "/$defs/route");
        KEY_LISTS.put("RELAY_KEYS", "/$defs/dhcpRelay");
        KEY_LISTS.put("POOL_KEYS", "/$defs/dhcpPool");
        KEY_LISTS.put("BRIDGE_KEYS", "/$defs/bridge");
        KEY_LISTS.put("IFACE_KEYS", "/$defs/interface");
        KEY_LISTS.put("LINK_KEYS", "/$defs/linkSettings");
        KEY_LISTS.put("DEFAULTS_KEYS", "/$defs/defaults");
        KEY_LISTS.put("TCP_KEYS", "/$defs/tcpSettings");
        KEY_LISTS.put("SERVICE_KEYS", "/$defs/services");
        KEY_LISTS.put("DHCP_KEYS", "/$defs/dhcp");
        KEY_LISTS.put("DNS_KEYS", "/$defs/dns");
        KEY_LISTS.put("DNS_RECORD_KEYS", "/$defs/dnsRecords");
        KEY_LISTS.put("WEB_KEYS", "/$defs/web");
        KEY_LISTS.put("PAGE_KEYS", "/$defs/page");
        KEY_LISTS.put("SITE_KEYS", "/$defs/site");
        KEY_LISTS.put("FAULT_KEYS", "/$defs/serverFault");
        KEY_LISTS.put("PROXY_KEYS", "/$defs/proxy");
        KEY_LISTS.put("SCRIPT_KEYS", "/$defs/scriptObject");
    }

    static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(DocFiles.schema()), InputFormat.JSON);
    }

    private static List<String> errors(Schema schema, JsonNode lab) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(lab)) out.add(e.getInstanceLocation() + ": " + e.getMessage());
        return out;
    }

    @Test void everyBuiltinLab_isValid() throws Exception {
        Schema schema = schema();
        assertThat(BuiltinLabs.names()).isNotEmpty();
        for (String name : BuiltinLabs.names()) {
            try (InputStream in = BuiltinLabs.class.getResourceAsStream("/io/wirelab/labs/builtin/" + name + ".yaml")) {
                JsonNode lab = YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                assertThat(errors(schema, lab)).as(name).isEmpty();
            }
        }
    }

    /** Fragments (a services: block, a script: block) are checked inside a minimal lab. */
    @Test void everyYamlExampleInDocs_isValid() throws Exception {
        Schema schema = schema();
        List<DocFiles.Block> blocks = DocFiles.blocks("yaml");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (DocFiles.Block b : blocks) {
            JsonNode node = YAML.readTree(b.code());
            assertThat(node.isObject()).as(b.toString()).isTrue();
            ObjectNode lab = (ObjectNode) node;
            if (!lab.has("nodes") && lab.has("services")) {
                ObjectNode server = YAML.createObjectNode().put("kind", "server").put("ip", "10.0.0.53/24");
                server.set("services", lab.get("services"));
                lab = YAML.createObjectNode();
                lab.putObject("nodes").set("srv", server);
            } else if (!lab.has("nodes")) {
                lab.putObject("nodes").putObject("pc1").put("kind", "pc");
            }
            assertThat(errors(schema, lab)).as(b.toString()).isEmpty();
        }
    }

    @Test void typosAndBadValues_areRejected() throws Exception {
        Schema schema = schema();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: pc, ipp: 10.0.0.1/24 } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { sw1: { kind: switch, ip: 10.0.0.1/24 } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: router } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { up: { kind: bridge } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { up: { kind: bridge, interface: veth0, ip: 10.0.0.1/24 } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { up: { kind: bridge, interface: veth0 } }\nlinks: [[up, sw1]]"))).isEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: pc } }\nlinks: [[pc1, sw1, { dealy: 1ms }]]"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: pc } }\nlinks: [[pc1, sw1, { delay: 5 }]]"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: pc, ip: 10.0.0.1 } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { lab: { kind: pc } }"))).isNotEmpty();
        assertThat(errors(schema, YAML.readTree("nodes: { pc1: { kind: pc, ip: dhcp, gateway: 10.0.0.254 } }\nseed: 3"))).isEmpty();
    }

    /** Every *_KEYS list of the reader has a schema object with exactly those properties, and vice versa. */
    @Test void schemaKeys_equalTheReadersKeys() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(DocFiles.schema()));
        List<String> lists = new ArrayList<>();
        for (Field f : LabYamlReader.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || !f.getName().endsWith("_KEYS") || f.getType() != List.class) continue;
            lists.add(f.getName());
            f.setAccessible(true);
            @SuppressWarnings("unchecked") List<String> readerKeys = (List<String>) f.get(null);
            assertThat(KEY_LISTS).as("schema location for LabYamlReader." + f.getName()).containsKey(f.getName());
            JsonNode props = schema.at(KEY_LISTS.get(f.getName()) + "/properties");
            assertThat(props.isObject()).as(f.getName()).isTrue();
            TreeSet<String> schemaKeys = new TreeSet<>();
            for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) schemaKeys.add(it.next());
            assertThat(schemaKeys).as(f.getName()).isEqualTo(new TreeSet<>(readerKeys));
        }
        assertThat(lists).containsExactlyInAnyOrderElementsOf(KEY_LISTS.keySet());
    }
}
