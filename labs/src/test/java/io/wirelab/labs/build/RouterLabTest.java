package io.wirelab.labs.build;

import io.wirelab.devices.host.PingOptions;
import io.wirelab.devices.host.PingResult;
import io.wirelab.devices.router.Router;
import io.wirelab.devices.router.RouterDrop;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A router built from a lab file: hosts in two subnets reach each other through it, and its counters say so. */
class RouterLabTest {
    private static final String LAB = """
            nodes:
              pc1: { kind: pc, ip: 10.1.0.10/24, gateway: 10.1.0.1 }
              pc2: { kind: pc, ip: 10.2.0.10/24, routes: [{ to: 10.1.0.0/16, via: 10.2.0.1 }] }
              r1:
                kind: router
                interfaces: { eth0: { ip: 10.1.0.1/24 }, eth1: { ip: 10.2.0.1/24 } }
            links:
              - [pc1, r1:eth0]
              - [pc2, r1:eth1, { mtu: 576 }]
            """;

    private static Lab build() throws Exception {
        return LabBuilder.build(LabYamlReader.read("t.yaml", "t", LAB, n -> null), LabBuilder.Options.withoutCaptures());
    }

    @Test void pingAcrossTheRouter_gatewayOneWay_staticRouteBack() throws Exception {
        try (Lab lab = build()) {
            PingResult r = lab.await(lab.host("pc1").ping(Ipv4Address.parse("10.2.0.10"), PingOptions.defaults().withCount(3)), SimTime.seconds(10));
            assertThat(r.received()).isEqualTo(3);
            Router r1 = (Router) lab.device("r1");
            assertThat(r1.forwardedOut("eth1")).isEqualTo(3);
            assertThat(r1.forwardedOut("eth0")).isEqualTo(3);
            assertThat(r1.stack().iface("eth1").mtu()).as("the link's MTU").isEqualTo(576);
        }
    }

    @Test void unknownNetwork_isCountedAtTheRouter() throws Exception {
        try (Lab lab = build()) {
            PingResult r = lab.await(lab.host("pc1").ping(Ipv4Address.parse("10.9.0.1"), PingOptions.defaults().withCount(1)), SimTime.seconds(10));
            assertThat(r.received()).isZero();
            assertThat(((Router) lab.device("r1")).drops(RouterDrop.NO_ROUTE)).isEqualTo(1);
        }
    }
}
