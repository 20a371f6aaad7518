package io.wirelab.labs.yaml;

import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LabYamlReaderTest {
    private static final String TWO_PCS = """
            nodes:
              pc1: { kind: pc, ip: 10.0.0.1/24 }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
              sw1: { kind: switch, ports: 4 }
            """;

    static LabSpec read(String yaml) throws LabFileException {
        return LabYamlReader.read("t.yaml", "t", yaml, name -> name.equals("lab.groovy")
                ? new LabYamlReader.LoadedScript("dir/lab.groovy", "println 'hi'\n") : null);
    }

    static List<String> problems(String yaml) {
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> read(yaml));
        assertThat(e).as("expected problems in:\n" + yaml).isNotNull();
        return e.problems().stream().map(LabProblem::toString).toList();
    }

    @Test void validLab_readsEverything_inFileOrder() throws Exception {
        LabSpec lab = read("""
                name: demo
                description: two pcs
                seed: 42
                defaults:
                  link: { bandwidth: 100Mbps }
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, gateway: 10.0.0.254, dns: 10.0.0.53 }
                  srv: { kind: server, interfaces: { eth0: { ip: 10.0.0.2/24, mac: "02:aa:00:00:00:01" }, eth1: { ip: dhcp } } }
                  sw1: { kind: switch, ports: 4, aging: 10s }
                links:
                  - [pc1, sw1, { delay: 1ms, loss: 1% }]
                  - [srv:eth0, sw1]
                captures: [pc1:eth0, srv]
                script: lab.groovy
                """);
        assertThat(lab.name()).isEqualTo("demo");
        assertThat(lab.seed()).isEqualTo(42);
        assertThat(lab.nodes()).extracting(NodeSpec::name).containsExactly("pc1", "srv", "sw1");
        NodeSpec pc1 = lab.node("pc1");
        assertThat(pc1.kind()).isEqualTo(NodeKind.PC);
        assertThat(pc1.iface("eth0").address()).isEqualTo(Ipv4Cidr.parse("10.0.0.1/24"));
        assertThat(pc1.iface("eth0").mac()).isEqualTo(MacAddress.parse("02:00:00:00:01:00"));
        assertThat(pc1.gateway()).isEqualTo(Ipv4Address.parse("10.0.0.254"));
        assertThat(pc1.dnsServers()).containsExactly(Ipv4Address.parse("10.0.0.53"));
        assertThat(lab.node("srv").iface("eth0").mac()).isEqualTo(MacAddress.parse("02:aa:00:00:00:01"));
        assertThat(lab.node("srv").iface("eth1").dhcp()).isTrue();
        assertThat(lab.node("srv").iface("eth1").mac()).isEqualTo(MacAddress.parse("02:00:00:00:02:01"));
        assertThat(lab.node("sw1").interfaces()).hasSize(4);
        assertThat(lab.node("sw1").macAgingNanos()).isEqualTo(10_000_000_000L);
        assertThat(lab.links()).hasSize(2);
        assertThat(lab.links().get(0).a()).isEqualTo(new Endpoint("pc1", "eth0"));
        assertThat(lab.links().get(0).b()).isEqualTo(new Endpoint("sw1", "p1"));
        assertThat(lab.links().get(0).params().bandwidthBitsPerSecond()).isEqualTo(100_000_000L);
        assertThat(lab.links().get(0).params().delayNanos()).isEqualTo(1_000_000L);
        assertThat(lab.links().get(0).params().loss()).isEqualTo(0.01);
        assertThat(lab.links().get(1).b()).isEqualTo(new Endpoint("sw1", "p2"));
        assertThat(lab.links().get(1).params().delayNanos()).isZero();
        assertThat(lab.captures()).extracting(c -> c.point().toString()).containsExactly("pc1:eth0", "srv:eth0");
        assertThat(lab.captures().getFirst().fileName()).isEqualTo("pc1-eth0.pcapng");
        assertThat(lab.script().name()).isEqualTo("dir/lab.groovy");
        assertThat(lab.script().code()).isEqualTo("println 'hi'\n");
    }

    @Test void bareDeviceName_takesFirstPortNoLinkNames() throws Exception {
        LabSpec lab = read(TWO_PCS + """
                links:
                  - [pc1, sw1]
                  - [pc2, sw1:p1]
                """);
        assertThat(lab.links().get(0).b()).isEqualTo(new Endpoint("sw1", "p2"));
        assertThat(lab.links().get(1).b()).isEqualTo(new Endpoint("sw1", "p1"));
    }

    @Test void syntaxError_reportsItsLocation() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: [10.0.0.1/24 }
                """)).singleElement().asString()
                .startsWith("t.yaml:2:37: YAML syntax error: expected ',' or ']', but got }")
                .contains("hint: check the indentation");
    }

    @Test void unknownKey_suggestsTheClosestAllowedKey() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1:eth0, sw1:p1, { dely: 1ms }]
                """)).containsExactly("t.yaml:6:26: unknown key 'dely' in a link (hint: did you mean 'delay'?)");
    }

    @Test void unknownTopLevelKey_withoutCloseMatch_listsAllowedKeys() {
        assertThat(problems(TWO_PCS + "colour: blue\n")).containsExactly(
                "t.yaml:5:1: unknown key 'colour' in the lab (hint: expected one of: name, description, seed, defaults, nodes, links, captures, script)");
    }

    @Test void switchKeyOnPc_saysItDoesNotApply() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ports: 4 }
                """)).containsExactly("t.yaml:2:20: 'ports' does not apply to a pc (hint: keys for a pc: kind, ip, mac, interfaces, gateway, routes, dns, services, tcp, proxy, trust)");
    }

    @Test void unknownKind_didYouMean() {
        assertThat(problems("""
                nodes:
                  sw1: { kind: swich }
                """)).containsExactly("t.yaml:2:16: unknown device kind 'swich' (hint: did you mean 'switch'?)");
    }

    @Test void missingKind() {
        assertThat(problems("""
                nodes:
                  pc1: { ip: 10.0.0.1/24 }
                """)).containsExactly("t.yaml:2:8: device 'pc1' has no 'kind' (hint: kind is one of: pc, server, switch, router, bridge)");
    }

    @Test void duplicateDeviceName_pointsAtTheSecond() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc }
                  pc1: { kind: pc }
                """)).containsExactly("t.yaml:3:3: duplicate key 'pc1' (first at line 2) (hint: each key may appear once in a map)");
    }

    @Test void deviceName_mustBeAScriptVariable() {
        assertThat(problems("""
                nodes:
                  pc-1: { kind: pc }
                """)).singleElement().asString().startsWith("t.yaml:2:3: device name 'pc-1' is not a valid name");
    }

    @Test void badAddress() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.300/24 }
                """)).containsExactly("t.yaml:2:24: bad address: '10.0.0.300': 300 is larger than 255 (hint: write address/prefix, e.g. 10.0.0.1/24, or dhcp)");
    }

    @Test void badPrefix() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/33 }
                """)).containsExactly("t.yaml:2:24: bad address: prefix length 33 is not in 0..32 (hint: write address/prefix, e.g. 10.0.0.1/24, or dhcp)");
    }

    @Test void missingPrefix() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1 }
                """)).containsExactly("t.yaml:2:24: bad address: '10.0.0.1' needs a prefix length, e.g. 10.0.0.1/24 (hint: write address/prefix, e.g. 10.0.0.1/24, or dhcp)");
    }

    @Test void networkAddress_isNotAHostAddress() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.0/24 }
                """)).containsExactly("t.yaml:2:24: 10.0.0.0/24 is the network address of its subnet, not a host address (hint: use a host address, e.g. 10.0.0.1/24)");
    }

    @Test void duplicateIp_pointsAtTheSecondAndNamesTheFirst() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24 }
                  pc2: { kind: pc, ip: 10.0.0.1/24 }
                """)).containsExactly("t.yaml:3:24: duplicate IP address 10.0.0.1: already used by pc1:eth0 (hint: every interface needs its own address)");
    }

    @Test void duplicateMac() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, mac: "02:00:00:00:aa:01" }
                  pc2: { kind: pc, mac: "02:00:00:00:AA:01" }
                """)).containsExactly("t.yaml:3:25: duplicate MAC 02:00:00:00:aa:01: already used by pc1:eth0 (hint: every interface needs its own MAC; leave mac out to get an automatic one)");
    }

    @Test void explicitMac_collidingWithAnAutomaticOne_isReported() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc }
                  pc2: { kind: pc, mac: "02:00:00:00:01:00" }
                """)).singleElement().asString().startsWith("t.yaml:2:3: the automatic MAC 02:00:00:00:01:00 of pc1:eth0 is already given to pc2:eth0");
    }

    @Test void multicastMac_isRejected() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, mac: "01:00:5e:00:00:01" }
                """)).singleElement().asString().startsWith("t.yaml:2:25: MAC 01:00:5e:00:00:01 is a multicast address");
    }

    @Test void gatewayOutsideSubnet() {
        assertThat(problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, gateway: 10.0.1.1 }
                """)).containsExactly("t.yaml:2:46: gateway 10.0.1.1 is outside pc1's subnet 10.0.0.0/24 (hint: a gateway must be reachable directly: pick an address in 10.0.0.0/24)");
    }

    @Test void unknownDeviceInLink_didYouMean() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc3:eth0, sw1:p1]
                """)).containsExactly("t.yaml:6:6: unknown device 'pc3' in link (hint: did you mean 'pc1'?)");
    }

    @Test void linkToMissingInterface() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1:eth1, sw1:p1]
                """)).containsExactly("t.yaml:6:6: pc1 has no interface 'eth1' (it has eth0) (hint: did you mean 'eth0'?)");
    }

    @Test void switchPortBeyondPortCount() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1:eth0, sw1:p5]
                """)).containsExactly("t.yaml:6:16: sw1 has 4 ports (p1..p4); p5 is beyond them (hint: raise 'ports:' on sw1 or use a free port)");
    }

    @Test void portUsedTwice() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1:eth0, sw1:p1]
                  - [pc2:eth0, sw1:p1]
                """)).containsExactly("t.yaml:7:16: sw1:p1 is already used by the link at line 6 (hint: a port takes one cable; use a free port)");
    }

    @Test void noFreePortLeft() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1]
                  - [pc1, sw1]
                """)).containsExactly("t.yaml:7:6: pc1 has no free interface left for this link (hint: declare another interface under pc1: interfaces:)");
    }

    @Test void switchingLoop_namesTheSwitchesInOrder() {
        assertThat(problems("""
                nodes:
                  sw1: { kind: switch }
                  sw2: { kind: switch }
                  sw3: { kind: switch }
                links:
                  - [sw1, sw2]
                  - [sw2, sw3]
                  - [sw3, sw1]
                """)).containsExactly("t.yaml:8:5: switching loop: sw3 -> sw2 -> sw1 -> sw3 (frames would circle forever; there is no spanning tree yet) (hint: remove one of the links between sw3, sw2, sw1)");
    }

    @Test void parallelLinksBetweenTwoSwitches_areALoop() {
        assertThat(problems("""
                nodes:
                  sw1: { kind: switch }
                  sw2: { kind: switch }
                links:
                  - [sw1, sw2]
                  - [sw1, sw2]
                """)).singleElement().asString().startsWith("t.yaml:6:5: switching loop: sw1 -> sw2 -> sw1");
    }

    @Test void switchTreeThroughHosts_isNotALoop() throws Exception {
        LabSpec lab = read("""
                nodes:
                  pc1: { kind: pc, interfaces: { eth0: { ip: 10.0.0.1/24 }, eth1: { ip: 10.0.1.1/24 } } }
                  sw1: { kind: switch }
                  sw2: { kind: switch }
                links:
                  - [sw1, sw2]
                  - [pc1:eth0, sw1]
                  - [pc1:eth1, sw2]
                """);
        assertThat(lab.links()).hasSize(3);
    }

    @Test void unitError_hintsTheUnits() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1, { bandwidth: 100Mbs }]
                """)).containsExactly("t.yaml:6:29: '100Mbs': unknown rate unit 'Mbs' (hint: units: bps, kbps, Mbps, Gbps, e.g. 100Mbps)");
    }

    @Test void durationWithoutUnit() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1, { delay: 5 }]
                """)).containsExactly("t.yaml:6:25: '5' needs a unit (hint: units: ns, us, ms, s, m, h, e.g. 1ms)");
    }

    @Test void mtuOutOfRange() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1, { mtu: 20 }]
                """)).containsExactly("t.yaml:6:23: mtu 20 is not in 68..65535");
    }

    @Test void unknownDeviceInCaptures_didYouMean() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1]
                captures: [pc1:eth0, pcc2:eth0]
                """)).containsExactly("t.yaml:7:22: unknown device 'pcc2' in captures (hint: did you mean 'pc2'?)");
    }

    @Test void captureAll_takesEveryLinkedHostInterface() throws Exception {
        LabSpec lab = read(TWO_PCS + """
                links:
                  - [pc2, sw1]
                  - [pc1, sw1]
                captures: all
                """);
        assertThat(lab.captures()).extracting(c -> c.point().toString()).containsExactly("pc1:eth0", "pc2:eth0");
    }

    @Test void capturedTwice() {
        assertThat(problems(TWO_PCS + """
                links:
                  - [pc1, sw1]
                captures: [pc1:eth0, pc1]
                """)).containsExactly("t.yaml:7:22: pc1:eth0 is already captured (line 7) (hint: list each capture point once)");
    }

    @Test void missingScriptFile() {
        assertThat(problems(TWO_PCS + "script: nope.groovy\n"))
                .containsExactly("t.yaml:5:9: script file 'nope.groovy' not found next to the lab file (hint: create it, or fix the name)");
    }

    @Test void inlineBlockScript_knowsItsFirstLineInTheLabFile() throws Exception {
        LabSpec lab = read(TWO_PCS + """
                script: |
                  println 1
                  assert false
                """);
        assertThat(lab.script().inline()).isTrue();
        assertThat(lab.script().name()).isEqualTo("t.yaml");
        assertThat(lab.script().code()).isEqualTo("println 1\nassert false\n");
        assertThat(lab.script().sourceLine(2)).isEqualTo(7);
    }

    @Test void wrongShape_saysWhatWasExpected() {
        assertThat(problems("nodes: [pc1, pc2]\n")).containsExactly(
                "t.yaml:1:8: 'nodes' must be a map from device name to its settings (hint: e.g. nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } })");
    }

    @Test void emptyFile() {
        assertThat(problems("")).containsExactly("t.yaml:1:1: the lab file is empty (hint: a lab needs at least 'nodes:'; see docs/lab-format.md)");
    }

    @Test void services_shapesAreRead() throws Exception {
        LabSpec lab = read("""
                nodes:
                  srv:
                    kind: server
                    ip: 10.0.0.2/24
                    services:
                      dhcp: { pool: 10.0.0.100-10.0.0.199, router: 10.0.0.1, dns: 10.0.0.2, domain: lab.test, lease: 2h }
                      dns: { zones: { lab.test: { www: 10.0.0.80, "@": 10.0.0.2 } } }
                      web: { port: 8080, pages: { /: Hello, /big: { size: 1MB } } }
                """);
        var s = lab.node("srv").services();
        assertThat(s.dhcp().poolSize()).isEqualTo(100);
        assertThat(s.dhcp().router()).isEqualTo(Ipv4Address.parse("10.0.0.1"));
        assertThat(s.dhcp().domain()).isEqualTo("lab.test");
        assertThat(s.dhcp().leaseNanos()).isEqualTo(7_200_000_000_000L);
        assertThat(s.dns().zones().getFirst().records()).extracting(r -> r.fqdn("lab.test") + "=" + r.address())
                .containsExactly("www.lab.test=10.0.0.80", "lab.test=10.0.0.2");
        assertThat(s.web().port()).isEqualTo(8080);
        assertThat(s.web().pages()).extracting(p -> p.path() + ":" + p.sizeBytes()).containsExactly("/:5", "/big:1000000");
    }

    @Test void dhcpPoolOutsideSubnet_andMisspeltKey() {
        assertThat(problems("""
                nodes:
                  srv:
                    kind: server
                    ip: 10.0.0.2/24
                    services:
                      dhcp: { pool: 10.0.1.100-10.0.1.199, leas: 1h }
                """)).containsExactly(
                "t.yaml:6:21: pool 10.0.1.100-10.0.1.199 is not inside srv's subnet 10.0.0.0/24 (hint: the server leases addresses of the subnet it is attached to)",
                "t.yaml:6:44: unknown key 'leas' in the dhcp service (hint: did you mean 'lease'?)");
    }

    @Test void allProblems_areReportedInOnePass_inFileOrder() {
        List<String> all = problems("""
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24, gateway: 10.9.9.9 }
                  pc2: { kind: pc, ip: 10.0.0.1/24 }
                  sw1: { kind: switch, ports: 2 }
                  sw2: { kind: switch }
                links:
                  - [pc1:eth0, sw1:p1, { dely: 1ms }]
                  - [pc3, sw1:p3]
                  - [sw1, sw2]
                  - [sw2, sw1, { bandwidth: 1Gbs }]
                captures: [pc1:eth0, pc4:eth0]
                """);
        assertThat(all).extracting(p -> p.substring(0, p.indexOf(": "))).containsExactly(
                "t.yaml:2:46",   // gateway outside subnet
                "t.yaml:3:24",   // duplicate IP
                "t.yaml:7:26",   // unknown key dely
                "t.yaml:8:6",    // unknown device pc3
                "t.yaml:8:11",   // sw1 has 2 ports
                "t.yaml:10:29",  // unit error
                "t.yaml:11:22"); // unknown device pc4 in captures
    }

    @Test void allProblems_includeTheLoop() {
        List<String> all = problems("""
                nodes:
                  sw1: { kind: switch }
                  sw2: { kind: switch }
                  pc1: { kind: pc, ip: 10.0.0.1/24, colour: red }
                links:
                  - [sw1, sw2]
                  - [sw2, sw1]
                """);
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).startsWith("t.yaml:4:37: unknown key 'colour' in a pc");
        assertThat(all.get(1)).startsWith("t.yaml:7:5: switching loop: sw2 -> sw1 -> sw2");
    }

    @Test void exceptionMessage_listsEveryProblemOnItsOwnLine() {
        assertThatThrownBy(() -> read("nodes:\n  a: { kind: pc, ip: x }\n  b: { kind: pcc }\n"))
                .isInstanceOf(LabFileException.class)
                .hasMessage("t.yaml:2:22: bad address: 'x' needs a prefix length, e.g. 10.0.0.1/24 (hint: write address/prefix, e.g. 10.0.0.1/24, or dhcp)\n"
                        + "t.yaml:3:14: unknown device kind 'pcc' (hint: did you mean 'pc'?)");
    }

    @Test void didYouMean_distanceAndThreshold() {
        assertThat(DidYouMean.suggest("bandwith", List.of("bandwidth", "delay"))).isEqualTo("bandwidth");
        assertThat(DidYouMean.suggest("xyz", List.of("bandwidth", "delay"))).isNull();
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
