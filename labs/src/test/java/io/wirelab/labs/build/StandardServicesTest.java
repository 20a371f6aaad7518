package io.wirelab.labs.build;

import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardServicesTest {
    static final String LAB = """
            nodes:
              srv:
                kind: server
                ip: 10.0.0.1/24
                services:
                  dhcp: { pool: 10.0.0.100-10.0.0.110, router: 10.0.0.1, dns: 10.0.0.1, domain: lab.test, lease: 2m }
                  dns: { zones: { lab.test: { www: 10.0.0.80, "@": 10.0.0.1 } } }
              pc1: { kind: pc, ip: dhcp }
              pc2: { kind: pc, ip: dhcp, dns: 10.0.0.9 }
              pc3: { kind: pc, ip: 10.0.0.3/24 }
              sw1: { kind: switch, ports: 4 }
            links: [[srv, sw1], [pc1, sw1], [pc2, sw1], [pc3, sw1]]
            """;

    static Lab build(String yaml) throws Exception {
        LabSpec spec = LabYamlReader.read("t.yaml", "t", yaml, n -> null);
        return LabBuilder.build(spec, LabBuilder.Options.withoutCaptures());
    }

    @Test void dhcpClientsStartWithTheLab_serversAnswer_resolverFollowsTheLease() throws Exception {
        try (Lab lab = build(LAB)) {
            HostRuntime pc1 = lab.runtime("pc1");
            assertThat(pc1.dhcpClients()).containsOnlyKeys("eth0");
            assertThat(pc1.dhcpClient().state()).isEqualTo(DhcpClientState.INIT);   // started, first DISCOVER within 1 s
            assertThat(lab.runtime("pc3").dhcpClient()).isNull();
            HostRuntime srv = lab.runtime("srv");
            assertThat(srv.dhcpServer()).isNotNull();
            assertThat(srv.dnsServer().zones()).extracting(z -> z.origin().toString()).containsExactly("lab.test");

            lab.run(SimTime.seconds(5));
            DhcpLease l = pc1.dhcpClient().lease();
            assertThat(l.address().toString()).startsWith("10.0.0.10").endsWith("/24");
            assertThat(lab.host("pc1").stack().defaultGateway()).isEqualTo(Ipv4Address.parse("10.0.0.1"));
            assertThat(l.leaseSeconds()).isEqualTo(120);
            assertThat(srv.dhcpServer().activeLeases()).hasSize(2);
            // RFC 2132 §3.8 / §3.17: servers and search domain from the lease, unless the node names its own
            assertThat(pc1.resolver().config().servers()).containsExactly(Ipv4Address.parse("10.0.0.1"));
            assertThat(pc1.resolver().config().search()).containsExactly("lab.test");
            assertThat(lab.runtime("pc2").resolver().config().servers()).containsExactly(Ipv4Address.parse("10.0.0.9"));

            var f = pc1.resolver().resolve("www");
            assertThat(lab.await(f, SimTime.seconds(10))).containsExactly(Ipv4Address.parse("10.0.0.80"));
        }
    }

    @Test void sameSeed_sameLeases() throws Exception {
        List<String> a, b;
        try (Lab lab = build(LAB)) { lab.run(SimTime.seconds(5)); a = leases(lab); }
        try (Lab lab = build(LAB)) { lab.run(SimTime.seconds(5)); b = leases(lab); }
        assertThat(a).hasSize(2).isEqualTo(b);
    }

    static List<String> leases(Lab lab) {
        return lab.runtime("srv").dhcpServer().leases().stream().map(l -> l.address() + "@" + l.mac() + "@" + l.grantedAtNanos()).toList();
    }

    @Test void httpSetsNoDelay_likeCurlAndNginx_unlessTheLabSetsNagle() {
        var nagle = io.wirelab.stack.tcp.TcpOptions.defaults();
        assertThat(StandardServices.httpTcp(node(nagle, false)).noDelay()).isTrue();
        assertThat(StandardServices.httpTcp(node(nagle, true)).noDelay()).isFalse();
        assertThat(StandardServices.httpTcp(node(nagle.withNoDelay(true), true)).noDelay()).isTrue();
        assertThat(StandardServices.httpTcp(node(nagle.withMslNanos(SimTime.seconds(5)), false)).mslNanos()).isEqualTo(SimTime.seconds(5));
    }

    @Test void labSetsNagle_underDefaultsOrTheHost_andOnlyThen() throws Exception {
        String nodes = "nodes: { pc1: { kind: pc, ip: 10.0.0.1/24, tcp: { msl: 5s } }, pc2: { kind: pc, ip: 10.0.0.2/24, tcp: { nagle: true } } }\n";
        LabSpec quiet = LabYamlReader.read("n.yaml", "n", nodes, n -> null);
        assertThat(quiet.node("pc1").labSetsNagle()).isFalse();
        assertThat(quiet.node("pc2").labSetsNagle()).isTrue();
        LabSpec byDefaults = LabYamlReader.read("n.yaml", "n", "defaults: { tcp: { nagle: true } }\n" + nodes, n -> null);
        assertThat(byDefaults.node("pc1").labSetsNagle()).isTrue();
        assertThat(byDefaults.node("pc1").tcp().noDelay()).isFalse();
    }

    private static io.wirelab.labs.model.NodeSpec node(io.wirelab.stack.tcp.TcpOptions tcp, boolean labSetsNagle) {
        return new io.wirelab.labs.model.NodeSpec("pc1", io.wirelab.labs.model.NodeKind.PC, List.of(), null, List.of(), null, 0, tcp, null, labSetsNagle);
    }

    @Test void poolOutsideTheServersSubnets_isABuildError() {
        io.wirelab.devices.host.Host h = new io.wirelab.devices.host.Host(new io.wirelab.sim.Simulator(1), "srv", "server");
        h.addInterface("eth0", io.wirelab.wire.ethernet.MacAddress.local(1)).configure(io.wirelab.wire.ipv4.Ipv4Cidr.parse("10.0.0.1/24"));
        var node = new io.wirelab.labs.model.NodeSpec("srv", io.wirelab.labs.model.NodeKind.SERVER, List.of(), null, List.of(), null, 0);
        var spec = new io.wirelab.labs.model.DhcpServerSpec(Ipv4Address.parse("10.0.1.100"), Ipv4Address.parse("10.0.1.110"), null,
                List.of(), null, SimTime.seconds(60));
        assertThatThrownBy(() -> StandardServices.dhcpServer(node, h, spec))
                .isInstanceOf(LabBuildException.class).hasMessage("srv: the DHCP pool 10.0.1.100-10.0.1.110 lies in no subnet of its static interfaces");
    }
}
