package io.wirelab.devices.router;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.host.TracerouteOptions;
import io.wirelab.devices.host.TracerouteResult;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** traceroute(8) through two routers: each hop answers time exceeded, the destination port unreachable. */
class TracerouteTest {
    private final Simulator sim = new Simulator(5);
    private final Host pc1 = new Host(sim, "pc1", "pc"), web1 = new Host(sim, "web1", "server");
    private final Router r1 = new Router(sim, "r1"), r2 = new Router(sim, "r2");

    TracerouteTest() {
        LinkParams ms = LinkParams.DEFAULT.withBandwidth(0).withDelay(SimTime.millis(1));
        pc1.addInterface("eth0", MacAddress.parse("02:00:00:00:01:00")).configure(Ipv4Cidr.parse("10.1.0.10/24"));
        pc1.stack().setDefaultGateway(Ipv4Address.parse("10.1.0.1"));
        r1.addInterface("eth0", MacAddress.parse("02:00:00:00:02:00"), Ipv4Cidr.parse("10.1.0.1/24"));
        r1.addInterface("eth1", MacAddress.parse("02:00:00:00:02:01"), Ipv4Cidr.parse("10.9.0.1/30"));
        r1.addRoute(Ipv4Cidr.parse("10.2.0.0/24"), Ipv4Address.parse("10.9.0.2"));
        r2.addInterface("eth0", MacAddress.parse("02:00:00:00:03:00"), Ipv4Cidr.parse("10.9.0.2/30"));
        r2.addInterface("eth1", MacAddress.parse("02:00:00:00:03:01"), Ipv4Cidr.parse("10.2.0.1/24"));
        r2.addRoute(Ipv4Cidr.parse("0.0.0.0/0"), Ipv4Address.parse("10.9.0.1"));
        web1.addInterface("eth0", MacAddress.parse("02:00:00:00:04:00")).configure(Ipv4Cidr.parse("10.2.0.20/24"));
        web1.stack().setDefaultGateway(Ipv4Address.parse("10.2.0.1"));
        Link.connect(sim, pc1.port("eth0"), r1.port("eth0"), ms);
        Link.connect(sim, r1.port("eth1"), r2.port("eth0"), ms);
        Link.connect(sim, r2.port("eth1"), web1.port("eth0"), ms);
    }

    private TracerouteResult trace(Ipv4Address dst, TracerouteOptions o) {
        var f = pc1.traceroute(dst, o);
        sim.runUntil(f::isDone, SimTime.seconds(600));
        return f.join();
    }

    @Test void threeHops_eachRouterThenTheDestination_printedLikeTraceroute() {
        TracerouteResult r = trace(Ipv4Address.parse("10.2.0.20"), TracerouteOptions.defaults());
        assertThat(r.reached()).isTrue();
        assertThat(r.path()).containsExactly(Ipv4Address.parse("10.1.0.1"), Ipv4Address.parse("10.9.0.2"), Ipv4Address.parse("10.2.0.20"));
        Map<Ipv4Address, String> names = Map.of(Ipv4Address.parse("10.1.0.1"), "r1", Ipv4Address.parse("10.2.0.20"), "web1");
        var lines = r.transcript(names::get);
        assertThat(lines.get(0)).isEqualTo(" 1  r1 (10.1.0.1)  4.000 ms  2.000 ms  2.000 ms");   // the first waits for two ARP exchanges
        assertThat(lines.get(1)).isEqualTo(" 2  10.9.0.2 (10.9.0.2)  6.000 ms  4.000 ms  4.000 ms");   // r1 -> r2 ARP, then 2 links each way
        assertThat(lines.get(2)).startsWith(" 3  web1 (10.2.0.20)  ").endsWith("  6.000 ms  6.000 ms");
        assertThat(r.hops().get(2).probes()).allMatch(p -> p.annotation().isEmpty());
        assertThat(r1.count(RouterEvent.ICMP_TIME_EXCEEDED)).isEqualTo(3);
    }

    @Test void netUnreachable_endsTheTraceAtThatHop_markedN() {
        r1.stack().routes().removeRoute(Ipv4Cidr.parse("10.2.0.0/24"));
        TracerouteResult r = trace(Ipv4Address.parse("10.2.0.20"), TracerouteOptions.defaults());
        assertThat(r.reached()).isFalse();
        assertThat(r.hops()).hasSize(1);
        assertThat(r.hops().getFirst().format(a -> null)).isEqualTo(" 1  10.1.0.1 (10.1.0.1)  4.000 ms !N  2.000 ms !N  2.000 ms !N");
    }

    @Test void unansweredProbes_areStars() {
        TracerouteResult r = trace(Ipv4Address.parse("10.2.0.20"), TracerouteOptions.defaults().withFirstTtl(1).withMaxHops(1).withWait(SimTime.seconds(1)));
        assertThat(r.hops()).hasSize(1);
        web1.stack().iface("eth0").clearAddress();
        r2.stack().routes().removeRoute(Ipv4Cidr.parse("0.0.0.0/0"));   // r2 cannot answer pc1 any more
        TracerouteResult silent = trace(Ipv4Address.parse("10.2.0.20"), TracerouteOptions.defaults().withFirstTtl(2).withMaxHops(2).withWait(SimTime.seconds(1)));
        assertThat(silent.hops().getFirst().format(a -> null)).isEqualTo(" 2  * * *");
        assertThat(r2.count(RouterEvent.ICMP_NO_ROUTE)).isEqualTo(3);
    }
}
