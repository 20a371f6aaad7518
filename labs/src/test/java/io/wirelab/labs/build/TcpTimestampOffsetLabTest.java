package io.wirelab.labs.build;

import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.pcap.CaptureFiles;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TSval as Linux sends it with tcp_timestamps 1 (secure_tcp_ts_off): the 1 ms clock plus an offset from the lab's seed
 * and the two addresses, read from the lab's capture; with timestamp-offsets false (tcp_timestamps 2), the clock alone.
 */
class TcpTimestampOffsetLabTest {
    static final String LAB = """
            name: tsoffset
            seed: 1
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24, tcp: %s }
              web1: { kind: server, ip: 10.0.0.80/24, services: { web: { pages: { /: "<html>hi</html>" } } } }
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1], [web1, sw1]]
            captures: [pc1]
            """;

    @TempDir Path dir;

    /** The first SYN pc1 sends after 1 s of lab time, from pc1's capture. */
    record Syn(int tsval, long atNanos) {
        int clockMillis() { return (int) (atNanos / SimTime.MS); }
    }

    Syn firstSyn(long seed, String tcp) throws Exception {
        Path out = Files.createDirectories(dir.resolve(seed + "-" + tcp.hashCode()));
        var spec = LabYamlReader.read("t.yaml", "t", LAB.formatted(tcp), n -> null);
        try (Lab lab = LabBuilder.build(spec, new LabBuilder.Options(out, seed, true, CaptureFiles.DEFAULT_LIMIT))) {
            lab.run(SimTime.seconds(1));
            var stack = lab.host("pc1").stack().tcp();
            lab.await(stack.connect(Ipv4Address.parse("10.0.0.80"), 80, spec.node("pc1").tcp()), SimTime.seconds(10));
        }
        EthernetView eth = new EthernetView();
        Ipv4View ip = new Ipv4View();
        TcpView tcpView = new TcpView();
        for (PcapRecord r : PcapReader.read(out.resolve("pc1-eth0.pcapng")).records()) {
            byte[] b = r.data();
            if (eth.wrap(b, 0, b.length).validate() != Malformed.NONE || !eth.etherType().equals(EtherType.IPV4)) continue;
            if (ip.wrap(b, eth.payloadOffset(), eth.payloadLength()).validate() != Malformed.NONE
                    || !ip.protocol().equals(IpProtocol.TCP)) continue;
            if (tcpView.wrap(b, ip.payloadOffset(), ip.payloadLength()).validate() != Malformed.NONE) continue;
            TcpHeader h = TcpHeader.from(tcpView);
            if (h.flags() == TcpFlags.SYN) return new Syn(h.timestamps().value(), r.timestampNanos());
        }
        throw new AssertionError("no SYN in pc1's capture");
    }

    @Test void firstSyn_tsvalIsNotTheClock_sameForTheSameSeed_otherForAnotherSeed() throws Exception {
        Syn first = firstSyn(1, "{ }");
        assertThat(first.clockMillis()).isEqualTo(1000);
        assertThat(first.tsval()).as("the clock plus an offset").isNotEqualTo(first.clockMillis());
        assertThat(firstSyn(1, "{ }")).isEqualTo(first);
        Syn otherSeed = firstSyn(2, "{ }");
        assertThat(otherSeed.atNanos()).isEqualTo(first.atNanos());
        assertThat(otherSeed.tsval()).isNotEqualTo(first.tsval());
    }

    @Test void timestampOffsetsFalse_firstSynTsvalIsTheMillisecondClock_linuxTcpTimestamps2() throws Exception {
        Syn syn = firstSyn(1, "{ timestamp-offsets: false }");
        assertThat(syn.tsval()).isEqualTo(syn.clockMillis()).isEqualTo(1000);
    }
}
