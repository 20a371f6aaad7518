package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.wire.ethernet.MacAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wirelab.labs.yaml.LabYamlReaderTest.problems;
import static io.wirelab.labs.yaml.LabYamlReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** `pc1..pc200`: device groups in nodes and in link ends (docs/lab-format.md, "Device groups"). */
class DeviceGroupYamlTest {
    private static final String TREE = """
            nodes:
              core: { kind: switch, ports: 4, mac-table-size: 100 }
              acc1..acc2: { kind: switch, ports: 4 }
              pc1..pc6: { kind: pc, ip: dhcp }
            links:
              - [acc1..acc2, core]
              - [pc1..pc6, acc1..acc2]
            """;

    private static List<String> ends(LabSpec lab) {
        return lab.links().stream().map(LinkSpec::toString).toList();
    }

    @Test void group_makesItsMembersInOrder_withMacsNumberedInFileOrder() throws Exception {
        LabSpec lab = read(TREE);
        assertThat(lab.nodes()).extracting(NodeSpec::name).containsExactly("core", "acc1", "acc2", "pc1", "pc2", "pc3", "pc4", "pc5", "pc6");
        NodeSpec pc6 = lab.nodes().get(8);
        assertThat(pc6.interfaces().getFirst().dhcp()).isTrue();
        assertThat(pc6.interfaces().getFirst().mac()).isEqualTo(MacAddress.parse("02:00:00:00:09:00"));   // the 9th device
        assertThat(lab.nodes().get(0).macTableSize()).isEqualTo(100);
        assertThat(lab.nodes().get(1).macTableSize()).isEqualTo(NodeSpec.DEFAULT_MAC_TABLE_SIZE);
    }

    @Test void groupEnds_pairInBlocks_bareNamesTakeTheNextFreePort() throws Exception {
        assertThat(ends(read(TREE))).containsExactly(
                "acc1:p1 <-> core:p1", "acc2:p1 <-> core:p2",
                "pc1:eth0 <-> acc1:p2", "pc2:eth0 <-> acc1:p3", "pc3:eth0 <-> acc1:p4",
                "pc4:eth0 <-> acc2:p2", "pc5:eth0 <-> acc2:p3", "pc6:eth0 <-> acc2:p4");
    }

    @Test void groupEnds_ofEqualSize_pairMemberByMember_andNamePorts() throws Exception {
        LabSpec lab = read("""
                nodes:
                  sw1..sw2: { kind: switch, ports: 2 }
                  h1..h2: { kind: pc }
                links:
                  - [h1..h2:eth0, sw1..sw2:p2]
                """);
        assertThat(ends(lab)).containsExactly("h1:eth0 <-> sw1:p2", "h2:eth0 <-> sw2:p2");
    }

    @Test void malformedGroups_reportedOnce_withTheirPosition() {
        assertThat(problems("""
                nodes:
                  acc1..sw4: { kind: switch }
                  pc3..pc1: { kind: pc }
                  pc01..pc3: { kind: pc }
                  h1..h5: { kind: pc, ip: 10.0.0.1/24 }
                  x1..x3: { kind: pc, bogus: 1 }
                  y1..y3: { kind: pc }
                  y2: { kind: pc }
                """)).containsExactly(
                "t.yaml:2:3: 'acc1..sw4' has two names, acc and sw (hint: " + NodeGroup.FORM_HINT + ")",
                "t.yaml:3:3: 'pc3..pc1' is empty: 3 is above 1 (hint: " + NodeGroup.FORM_HINT + ")",
                "t.yaml:4:3: 'pc01..pc3': a number with a leading zero (hint: write pc1..pc200, not pc001..pc200: the names are pc1, pc2, ...)",
                "t.yaml:5:27: the 5 members of h1..h5 would share one address (hint: a group's hosts take ip: dhcp (or no address) and automatic MACs; write a device with its own address apart)",
                "t.yaml:6:23: unknown key 'bogus' in a pc (hint: expected one of: kind, ip, mac, interfaces, gateway, routes, dns, services, tcp, proxy, trust)",
                "t.yaml:8:3: device 'y2' is defined twice (also by 'y1..y3' at line 7) (hint: a group pc1..pc200 makes the devices pc1, pc2, ..., pc200; give one of them another name or range)");
    }

    @Test void linkGroupsWhoseSizesDoNotDivide_refused() {
        assertThat(problems("""
                nodes:
                  sw1..sw2: { kind: switch }
                  h1..h3: { kind: pc }
                links:
                  - [h1..h3, sw1..sw2]
                """)).containsExactly("t.yaml:5:5: the ends have 3 and 2 members, and neither count divides the other "
                + "(hint: a group links member by member to a group of the same size, or in equal blocks to a group whose size divides its own)");
    }
}
