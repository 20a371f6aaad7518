package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every YAML example in docs/lab-format.md is read by the real reader. */
class DocsExamplesTest {
    static List<String> yamlBlocks() throws Exception {
        String repo = System.getenv().getOrDefault("WIRELAB_REPO", "..");
        String doc = Files.readString(Path.of(repo, "docs", "lab-format.md"));
        List<String> blocks = new ArrayList<>();
        int at = 0;
        while ((at = doc.indexOf("```yaml\n", at)) >= 0) {
            int end = doc.indexOf("```", at + 8);
            blocks.add(doc.substring(at + 8, end));
            at = end + 3;
        }
        return blocks;
    }

    static LabSpec read(String yaml) throws LabFileException {
        return LabYamlReader.read("doc.yaml", "doc", yaml, n -> new LabYamlReader.LoadedScript(n, "println 1\n"));
    }

    static String block(List<String> blocks, String containing) {
        return blocks.stream().filter(b -> b.contains(containing)).findFirst().orElseThrow();
    }

    @Test void examples_allRead() throws Exception {
        List<String> blocks = yamlBlocks();
        assertThat(blocks).hasSize(8);

        LabSpec tcp = read(block(blocks, "ephemeral-ports"));
        assertThat(tcp.node("pc1").tcp().noDelay()).isTrue();
        assertThat(tcp.node("pc1").tcp().initialWindowSegments()).isEqualTo(2);
        assertThat(tcp.node("pc1").ephemeralPorts()).hasToString("50000-50009");
        assertThat(tcp.node("pc2").tcp().noDelay()).isFalse();

        LabSpec full = read(blocks.get(0));
        assertThat(full.name()).isEqualTo("ping-basics");
        assertThat(full.links().get(1).b().toString()).isEqualTo("sw1:p2");
        assertThat(full.links().get(1).params().delayNanos()).isEqualTo(5_000_000L);

        String services = block(blocks, "services:").indent(4);
        LabSpec withServices = read("nodes:\n  srv:\n    kind: server\n    ip: 10.0.0.53/24\n" + services);
        assertThat(withServices.node("srv").services().dhcp()).isNotNull();
        assertThat(withServices.node("srv").services().dns().zones()).hasSize(1);
        assertThat(withServices.node("srv").services().web().pages()).hasSize(2);

        LabSpec withScript = read("nodes: { pc1: { kind: pc } }\n" + block(blocks, "script: |"));
        assertThat(withScript.script().firstLine()).isEqualTo(3);

        LabSpec bridged = read(block(blocks, "kind: bridge"));
        assertThat(bridged.hasBridges()).isTrue();
        assertThat(bridged.links().getFirst().a().toString()).isEqualTo("uplink:veth0");

        LabSpec pooled = read("nodes:\n  srv:\n    kind: server\n    ip: 10.1.0.53/24\n" + block(blocks, "pools:").indent(4));
        assertThat(pooled.node("srv").services().dhcp().pools()).extracting(p -> p.subnet().toString()).containsExactly("10.1.0.0/24", "10.2.0.0/24");
        assertThat(pooled.node("srv").services().dhcp().pools().get(1).leaseNanos()).isEqualTo(1_800_000_000_000L);

        LabSpec routed = read(block(blocks, "kind: router"));
        assertThat(routed.node("r1").routes()).hasSize(2);
        assertThat(routed.node("r1").interfaces()).hasSize(2);

        LabSpec tree = read(block(blocks, "pc1..pc10000"));
        assertThat(tree.nodes()).hasSize(1 + 100 + 10_000);
        assertThat(tree.node("pc10000").interfaces().getFirst().dhcp()).isTrue();
        assertThat(tree.links()).hasSize(100 + 10_000);
        assertThat(tree.links().getLast()).hasToString("pc10000:eth0 <-> acc100:p101");
    }
}
