package io.wirelab.labs.build;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.LabYamlReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryEstimateTest {
    private static final long MIB = 1L << 20, GIB = 1L << 30;

    private static LabSpec lab(String yaml) throws Exception {
        return LabYamlReader.read("t.yaml", "t", yaml, n -> null);
    }

    private static LabSpec tree(int pcs, int accessSwitches) throws Exception {
        return lab("""
                nodes:
                  core: { kind: switch, ports: %d }
                  acc1..acc%d: { kind: switch, ports: %d }
                  pc1..pc%d: { kind: pc, ip: dhcp }
                links:
                  - [acc1..acc%d, core]
                  - [pc1..pc%d, acc1..acc%d]
                """.formatted(accessSwitches, accessSwitches, pcs / accessSwitches + 1, pcs, accessSwitches, pcs, accessSwitches));
    }

    @Test void flatTree_countsHostsPortsLinks_andEverySwitchLearningEveryHost() throws Exception {
        MemoryEstimate e = MemoryEstimate.of(tree(10_000, 100));
        assertThat(e.hosts()).isEqualTo(10_000);
        assertThat(e.switchPorts()).isEqualTo(100 + 100 * 101);
        assertThat(e.links()).isEqualTo(100 + 10_000);
        assertThat(e.macEntries()).isEqualTo(101L * 10_000);
        assertThat(e.bytes()).isBetween(400 * MIB, 1 * GIB);
        assertThat(MemoryEstimate.of(tree(20_000, 100)).bytes()).isGreaterThan(e.bytes() * 3 / 2);
    }

    @Test void routersBoundBroadcastDomains() throws Exception {
        LabSpec routed = lab("""
                nodes:
                  r1: { kind: router, interfaces: { eth0: { ip: 10.1.0.1/24 }, eth1: { ip: 10.2.0.1/24 } } }
                  sw1..sw2: { kind: switch, ports: 8 }
                  a1..a3: { kind: pc }
                  b1..b3: { kind: pc }
                links:
                  - [r1:eth0, sw1]
                  - [r1:eth1, sw2]
                  - [a1..a3, sw1]
                  - [b1..b3, sw2]
                """);
        assertThat(MemoryEstimate.of(routed).macEntries()).isEqualTo(3 + 3);   // not 2 switches x 6 hosts
        assertThat(MemoryEstimate.of(routed).routers()).isEqualTo(1);
    }

    @Test void fitsTheHeap_passes_elseRefusedBeforeBuilding_withTheEstimateAndTheFix() throws Exception {
        MemoryEstimate e = MemoryEstimate.of(tree(10_000, 100));
        e.check(6 * GIB, 24 * GIB);
        assertThatThrownBy(() -> e.check(256 * MIB, 24 * GIB)).isInstanceOf(LabBuildException.class)
                .hasMessageStartingWith("the lab needs about " + MemoryEstimate.size(e.bytes()) + " of memory (10000 hosts, 10200 switch ports, 10100 links, 1010000 MAC table entries")
                .hasMessageContaining("more than this JVM's heap of 256 MiB holds; run it with a larger heap: WIRELAB_JAVA_OPTS=-Xmx1g wirelab run");
        assertThatThrownBy(() -> e.check(256 * MIB, 384 * MIB)).isInstanceOf(LabBuildException.class)
                .hasMessageContaining("more than this machine's 384 MiB: make it smaller or run it on a larger machine");
        assertThat(e.suggestedHeapBytes()).isEqualTo(GIB);
    }

    @Test void machineMemory_isKnownHere() {
        assertThat(MemoryEstimate.machineBytes()).isGreaterThan(256 * MIB);
    }
}
