package io.wirelab.devices.bulk;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class BulkTransferTest {
    record Pair(Simulator sim, Host client, Host server) {}

    static Pair lab(long seed, LinkParams params) {
        Simulator sim = new Simulator(seed);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", 4, SimTime.seconds(300));
        Host client = new Host(sim, "pc1", "pc");
        Host server = new Host(sim, "srv", "server");
        client.addInterface("eth0", MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        server.addInterface("eth0", MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        Link.connect(sim, client.port("eth0"), sw.port("p1"), params);
        Link.connect(sim, server.port("eth0"), sw.port("p2"), params);
        return new Pair(sim, client, server);
    }

    static TransferResult transfer(Pair p, long size) {
        TcpSink sink = new TcpSink(p.server.stack(), 5001, TcpOptions.defaults());
        CompletableFuture<TransferResult> f = TcpBulkSender.send(p.client.stack(), Ipv4Address.parse("10.0.0.2"),
                5001, size, TcpOptions.defaults());
        assertThat(p.sim.runUntil(f, SimTime.seconds(600))).as("transfer finished").isTrue();
        assertThat(sink.totalBytes()).isEqualTo(size);
        assertThat(sink.sessions()).singleElement().satisfies(s -> {
            assertThat(s.mismatches()).as("bytes out of pattern").isZero();
            assertThat(s.finished()).isTrue();
        });
        return f.join();
    }

    @Test void cleanLink_deliversEveryByte_atNearlyLinkRate() {
        LinkParams fast = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(SimTime.millis(1));
        TransferResult r = transfer(lab(1, fast), 4_000_000);
        assertThat(r.retransmits()).isZero();
        // Two store-and-forward hops at 100 Mbit/s; headers and slow start cost well under 15 %.
        assertThat(r.goodputBitsPerSecond()).isBetween(80e6, 95e6);
        assertThat(r.connectNanos()).isGreaterThanOrEqualTo(SimTime.millis(4));
    }

    @Test void onePercentLoss_stillDeliversEveryByteInOrder() {
        LinkParams lossy = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(SimTime.millis(1)).withLoss(0.01);
        TransferResult r = transfer(lab(7, lossy), 2_000_000);
        assertThat(r.retransmits()).isPositive();
        assertThat(r.bytes()).isEqualTo(2_000_000);
    }

    @Test void sameSeed_sameTimings() {
        LinkParams lossy = LinkParams.DEFAULT.withBandwidth(10_000_000L).withDelay(SimTime.millis(5)).withLoss(0.02);
        TransferResult a = transfer(lab(3, lossy), 300_000);
        TransferResult b = transfer(lab(3, lossy), 300_000);
        assertThat(a.durationNanos()).isEqualTo(b.durationNanos());
        assertThat(a.retransmits()).isEqualTo(b.retransmits());
        assertThat(a.sha256()).isEqualTo(b.sha256());
        // the digest of the 300,000 pattern bytes sent (p * 31 + p / 256, low byte), computed outside Java
        assertThat(a.sha256()).isEqualTo("7746f603692a686cd64102485f55a005fd9521e026974d885676c0a486c0b2ae");
    }

    @Test void trace_showsHandshakeThenSlowStartFromTheInitialWindow_asCsv() {
        LinkParams fast = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(SimTime.millis(1));
        TransferResult r = transfer(lab(1, fast), 1_000_000);
        var states = r.trace().states();
        assertThat(states.getFirst().to()).hasToString("SYN-SENT");
        assertThat(states.get(1).to()).hasToString("ESTABLISHED");
        var cwnd = r.trace().samples(io.wirelab.stack.tcp.TcpTrace.Metric.CWND);
        assertThat(cwnd.getFirst().value()).isEqualTo(10 * 1448);             // RFC 6928 initial window, SMSS 1460 - 12 (timestamps)
        assertThat(cwnd.stream().mapToLong(io.wirelab.stack.tcp.TcpTrace.Sample::value).max().orElseThrow())
                .as("cwnd grew in slow start").isGreaterThan(4 * 10 * 1448);
        String csv = r.trace().toCsv();
        assertThat(csv).startsWith("time_s,event,value\n").contains(",state,SYN-SENT>ESTABLISHED\n").contains(",cwnd,14480\n");
        assertThat(csv.lines().count()).isEqualTo(r.trace().points().size() + 1);
    }
}
