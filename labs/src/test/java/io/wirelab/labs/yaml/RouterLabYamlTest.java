package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.RouteSpec;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import static io.wirelab.labs.yaml.LabYamlReaderTest.problems;
import static io.wirelab.labs.yaml.LabYamlReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** kind: router and routes: in lab files, and every way to get them wrong, each at its line and column. */
class RouterLabYamlTest {
    private static final String TWO_SUBNETS = """
            nodes:
              pc1: { kind: pc, ip: 10.1.0.10/24, gateway: 10.1.0.1 }
              pc2: { kind: pc, ip: 10.2.0.10/24, gateway: 10.2.0.1, routes: [{ to: 10.9.0.0/16, via: 10.2.0.254 }] }
              r1:
                kind: router
                interfaces:
                  eth0: { ip: 10.1.0.1/24 }
                  eth1: { ip: 10.2.0.1/24, mac: "02:00:00:00:aa:01" }
                routes:
                  - { to: 10.3.0.0/16, via: 10.2.0.254 }
                  - { to: default, via: 10.1.0.254 }
            links:
              - [pc1, r1:eth0]
              - [pc2, r1:eth1]
            """;

    @Test void router_withInterfacesAndRoutes_isRead() throws Exception {
        LabSpec lab = read(TWO_SUBNETS);
        NodeSpec r1 = lab.node("r1");
        assertThat(r1.kind()).isEqualTo(NodeKind.ROUTER);
        assertThat(r1.iface("eth0").address()).isEqualTo(Ipv4Cidr.parse("10.1.0.1/24"));
        assertThat(r1.iface("eth0").mac().toString()).isEqualTo("02:00:00:00:03:00");
        assertThat(r1.iface("eth1").mac().toString()).isEqualTo("02:00:00:00:aa:01");
        assertThat(r1.routes()).containsExactly(
                new RouteSpec(Ipv4Cidr.parse("10.3.0.0/16"), Ipv4Address.parse("10.2.0.254")),
                new RouteSpec(new Ipv4Cidr(Ipv4Address.ANY, 0), Ipv4Address.parse("10.1.0.254")));
        assertThat(lab.node("pc2").routes()).extracting(Object::toString).containsExactly("10.9.0.0/16 via 10.2.0.254");
    }

    @Test void routeViaAnAddressOnNoConnectedSubnet_pointsNowhere() {
        assertThat(problems(TWO_SUBNETS.replace("via: 10.2.0.254 }\n      - { to: default", "via: 10.7.0.254 }\n      - { to: default")))
                .containsExactly("t.yaml:10:33: route to 10.3.0.0/16 via 10.7.0.254 points nowhere: 10.7.0.254 is not on a connected subnet of r1"
                        + " (10.1.0.0/24, 10.2.0.0/24) (hint: via must be a router's address on one of r1's own subnets)");
    }

    @Test void hostRouteViaAnAddressOutsideItsSubnet_pointsNowhere() {
        assertThat(problems(TWO_SUBNETS.replace("via: 10.2.0.254 }] }", "via: 10.1.0.254 }] }")))
                .singleElement().asString().startsWith("t.yaml:3:90: route to 10.9.0.0/16 via 10.1.0.254 points nowhere");
    }

    @Test void overlappingRouterInterfaces_areReportedAtTheSecond() {
        assertThat(problems(TWO_SUBNETS.replace("eth1: { ip: 10.2.0.1/24", "eth1: { ip: 10.1.0.2/16")))
                .contains("t.yaml:8:19: r1:eth1 10.1.0.2/16 overlaps r1:eth0 10.1.0.1/24 (line 7) (hint: each router interface joins a different subnet)");
    }

    @Test void unlinkedRouterInterface_isAnError() {
        assertThat(problems(TWO_SUBNETS.replace("  - [pc2, r1:eth1]\n", "")))
                .containsExactly("t.yaml:8:19: router interface r1:eth1 is not linked to anything (hint: add a link, e.g. links: [[r1:eth1, sw1]])");
    }

    @Test void routerMistakes_eachAtItsPlace() {
        assertThat(problems("""
                nodes:
                  r1: { kind: router, gateway: 10.0.0.1 }
                  r2: { kind: router, interfaces: { eth0: { ip: dhcp }, eth1: {}, eth2: { ip: 10.5.0.1/24, dns: 1.1.1.1 } } }
                  r3: { kind: router, interfaces: { eth0: { ip: 10.6.0.1/24 } }, routes: [{ to: 10.7.0.1/16, via: 10.6.0.2 }, { to: 10.8.0.0/16 }] }
                links: [[r2:eth2, r3:eth0]]
                """)).containsExactly(
                "t.yaml:2:7: router 'r1' needs 'interfaces', one per subnet it joins (hint: e.g. interfaces: { eth0: { ip: 10.1.0.1/24 }, eth1: { ip: 10.2.0.1/24 } })",
                "t.yaml:2:23: 'gateway' does not apply to a router (hint: keys for a router: kind, interfaces, routes, dhcp-relay)",
                "t.yaml:3:49: a router interface needs a static address, not dhcp (hint: write address/prefix, e.g. 10.1.0.1/24)",
                "t.yaml:3:63: router interface r2:eth1 needs an address (hint: e.g. eth1: { ip: 10.1.0.1/24 }; hosts on that subnet use it as their gateway)",
                "t.yaml:3:92: unknown key 'dns' in a router interface (hint: expected one of: ip, mac, dhcp-relay)",
                "t.yaml:4:81: 10.7.0.1/16 has host bits set (hint: the network is 10.7.0.0/16)",
                "t.yaml:4:111: a route needs 'to' and 'via' (hint: e.g. routes: [{ to: 10.2.0.0/16, via: 10.1.0.254 }])");
    }

    @Test void defaultRouteAndGateway_conflict_duplicateDestination_viaSelf() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.1.0.10/24, gateway: 10.1.0.1, routes: [{ to: default, via: 10.1.0.2 }] }
                  pc2: { kind: pc, ip: 10.1.0.11/24, routes: [{ to: 10.4.0.0/16, via: 10.1.0.1 }, { to: 10.4.0.0/16, via: 10.1.0.2 }, { to: 10.5.0.0/16, via: 10.1.0.11 }] }
                """)).containsExactly(
                "t.yaml:2:72: a default route and 'gateway' on pc1 both say where everything else goes (hint: keep one of them)",
                "t.yaml:3:89: a second route to 10.4.0.0/16 (the first is at line 3) (hint: list each destination once)",
                "t.yaml:3:143: route via 10.1.0.11 points at pc2's own address (hint: via is the next router's address on one of pc2's subnets)");
    }

    private static final String RELAYED = """
            nodes:
              dhcp1:
                kind: server
                ip: 10.1.0.10/24
                gateway: 10.1.0.1
                services:
                  dhcp:
                    dns: 10.1.0.53
                    pools:
                      - { range: 10.1.0.100-10.1.0.199, router: 10.1.0.1 }
                      - { subnet: 10.2.0.0/24, range: 10.2.0.100-10.2.0.199, router: 10.2.0.1, lease: 30m }
              r1:
                kind: router
                interfaces: { eth0: { ip: 10.1.0.1/24 }, eth1: { ip: 10.2.0.1/24 } }
                dhcp-relay: { server: 10.1.0.10 }
            links:
              - [dhcp1, r1:eth0]
              - [r1:eth1, r1:eth1]
            """.replace("  - [r1:eth1, r1:eth1]\n", "  - [pc1, r1:eth1]\n").replace("nodes:\n", "nodes:\n  pc1: { kind: pc, ip: dhcp }\n");

    private static String withoutLine(String yaml, String containing) {
        return String.join("\n", yaml.lines().filter(l -> !l.contains(containing)).toList()) + "\n";
    }

    @Test void routerLevelRelay_servesEveryInterfaceButTheServersOwn_andPoolsPerSubnetAreRead() throws Exception {
        LabSpec lab = read(RELAYED);
        assertThat(lab.node("r1").iface("eth0").dhcpRelay()).isEmpty();
        assertThat(lab.node("r1").iface("eth1").dhcpRelay()).containsExactly(Ipv4Address.parse("10.1.0.10"));
        var pools = lab.node("dhcp1").services().dhcp().pools();
        assertThat(pools).extracting(p -> p.subnet().toString()).containsExactly("10.1.0.0/24", "10.2.0.0/24");
        assertThat(pools.get(1).dnsServers()).containsExactly(Ipv4Address.parse("10.1.0.53"));
    }

    @Test void relayToAnAddressWithoutADhcpServer_isAnError() {
        assertThat(problems(RELAYED.replace("dhcp-relay: { server: 10.1.0.10 }", "dhcp-relay: { server: 10.1.0.11 }")))
                .containsExactly("t.yaml:16:17: r1:eth1 relays DHCP to 10.1.0.11, but no DHCP server has that address (hint: DHCP servers in this lab: dhcp1 (10.1.0.10))");
    }

    @Test void relayWhoseSubnetHasNoPool_orWhoseServerCannotAnswer_isAnError() {
        assertThat(problems(withoutLine(RELAYED, "subnet: 10.2.0.0/24")))
                .singleElement().asString().startsWith("t.yaml:15:17: dhcp1 has no pool for r1:eth1's subnet 10.2.0.0/24");
        assertThat(problems(withoutLine(RELAYED, "gateway: 10.1.0.1")))
                .singleElement().asString().startsWith("t.yaml:15:17: dhcp1 cannot answer the relay: it has no route to 10.2.0.1");
    }

    @Test void poolMistakes() {
        assertThat(problems(RELAYED.replace("{ subnet: 10.2.0.0/24, range: 10.2.0.100-10.2.0.199", "{ range: 10.2.0.100-10.2.0.199")))
                .anyMatch(p -> p.contains("pool 10.2.0.100-10.2.0.199 is in none of dhcp1's subnets, so it needs 'subnet'"));
        assertThat(problems(RELAYED.replace("subnet: 10.2.0.0/24", "subnet: 10.1.0.0/16")))
                .anyMatch(p -> p.contains("range 10.2.0.100-10.2.0.199 is not inside 10.1.0.0/16"));
        assertThat(problems(RELAYED.replace("subnet: 10.2.0.0/24, range: 10.2.0.100-10.2.0.199, router: 10.2.0.1", "subnet: 10.1.0.0/25, range: 10.1.0.10-10.1.0.20, router: 10.1.0.1")))
                .anyMatch(p -> p.contains("overlaps the pool at line"));
        assertThat(problems(RELAYED.replace("dns: 10.1.0.53\n", "dns: 10.1.0.53\n        pool: 10.1.0.100-10.1.0.110\n")))
                .anyMatch(p -> p.contains("'pool' and 'pools' exclude each other"));
    }
}
