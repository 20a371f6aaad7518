package io.wirelab.devices.host;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HostPingTest {
    static final long DELAY = SimTime.micros(500);
    final Simulator sim = new Simulator(42);
    final Host pc1 = new Host(sim, "pc1", "pc"), pc2 = new Host(sim, "pc2", "pc");
    final LinkParams params = LinkParams.DEFAULT.withDelay(DELAY);

    HostPingTest() {
        pc1.addInterface("eth0", MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        pc2.addInterface("eth0", MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        Link.connect(sim, pc1.port("eth0"), pc2.port("eth0"), params);
    }

    @Test void fourPings_allAnswered_rttAfterArpIsTwiceDelayPlusSerialization() {
        CompletableFuture<PingResult> f = pc1.ping(Ipv4Address.parse("10.0.0.2"), PingOptions.defaults());
        assertThat(f).isNotDone();
        assertThat(sim.runUntil(f, SimTime.seconds(10))).isTrue();
        PingResult r = f.join();
        assertThat(r.sent()).isEqualTo(4);
        assertThat(r.received()).isEqualTo(4);
        assertThat(r.lossPercent()).isZero();
        long oneWay = DELAY + params.serializationNanos(14 + 84);
        long arp = 2 * (DELAY + params.serializationNanos(60));
        assertThat(r.rttNanos()).containsExactly(arp + 2 * oneWay, 2 * oneWay, 2 * oneWay, 2 * oneWay);
        assertThat(sim.now()).as("done at the last reply, not at a timeout").isEqualTo(3 * SimTime.SECOND + 2 * oneWay);
        assertThat(r.toString()).startsWith("--- 10.0.0.2 ping statistics ---\n4 packets transmitted, 4 received, 0% packet loss, time 3001ms\nrtt min/avg/max/mdev = 1.002/");
        assertThat(pc1.ports()).extracting(Object::toString).containsExactly("pc1:eth0");
        assertThat(pc1.kind()).isEqualTo("pc");
    }

    @Test void unansweredArp_reportsHostUnreachableErrors() {
        CompletableFuture<PingResult> f = pc1.ping(Ipv4Address.parse("10.0.0.77"),
                PingOptions.defaults().withCount(1).withTimeout(SimTime.seconds(5)));
        sim.runUntil(f, SimTime.seconds(10));
        PingResult r = f.join();
        assertThat(r.received()).isZero();
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.errorMessages()).containsExactly("From 10.0.0.1 icmp_seq=1 Destination Host Unreachable");
        assertThat(sim.now()).isEqualTo(3 * SimTime.SECOND);
        assertThat(r.toString()).contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss");
    }

    @Test void lossyLink_timeoutsCountAsLoss() {
        pc2.port("eth0").setAdminUp(false);
        CompletableFuture<PingResult> f = pc1.ping(Ipv4Address.parse("10.0.0.2"), PingOptions.defaults().withCount(2).withTimeout(SimTime.millis(500)));
        sim.runUntil(f, SimTime.seconds(10));
        PingResult r = f.join();
        assertThat(r.sent()).isEqualTo(2);
        assertThat(r.lost()).isEqualTo(2);
        assertThat(sim.now()).isEqualTo(SimTime.millis(1500));
    }

    @Test void echoPayload_looksLikeLinuxPing() {
        PingOptions o = PingOptions.defaults().withCount(1).withTtl(1);
        CompletableFuture<PingResult> f = pc1.ping(Ipv4Address.parse("10.0.0.2"), o);
        sim.runUntil(f, SimTime.seconds(5));
        assertThat(f.join().received()).isEqualTo(1);
        assertThat(PingOptions.defaults()).isEqualTo(new PingOptions(4, SimTime.SECOND, SimTime.SECOND, 56, 64));
    }

    @Test void sequenceNumbersWrapAt16Bits_rfc792() {
        PingOptions o = PingOptions.defaults().withCount(65_540).withInterval(SimTime.millis(1)).withPayloadBytes(16);
        CompletableFuture<PingResult> f = pc1.ping(Ipv4Address.parse("10.0.0.2"), o);
        assertThat(sim.runUntil(f, SimTime.seconds(200))).isTrue();
        PingResult r = f.join();
        assertThat(r.received()).isEqualTo(65_540);
        assertThat(r.transcript().get(65_535)).startsWith("24 bytes from 10.0.0.2: icmp_seq=0 ");
        assertThat(r.transcript().getLast()).startsWith("24 bytes from 10.0.0.2: icmp_seq=4 ");
    }

    @Test void resultStatistics() {
        PingResult r = new PingResult(Ipv4Address.parse("10.0.0.2"), 4, 3, java.util.List.of(1_000_000L, 2_000_000L, 3_000_000L), 0, java.util.List.of(), 3_000_000_000L);
        assertThat(r.minNanos()).isEqualTo(1_000_000);
        assertThat(r.avgNanos()).isEqualTo(2_000_000);
        assertThat(r.maxNanos()).isEqualTo(3_000_000);
        assertThat(r.mdevNanos()).isEqualTo(816_497);
        assertThat(r.lossPercent()).isEqualTo(25.0);
        assertThat(r.toString()).isEqualTo("""
                --- 10.0.0.2 ping statistics ---
                4 packets transmitted, 3 received, 25% packet loss, time 3000ms
                rtt min/avg/max/mdev = 1.000/2.000/3.000/0.816 ms""");
    }
}
