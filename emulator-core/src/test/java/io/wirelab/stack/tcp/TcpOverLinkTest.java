package io.wirelab.stack.tcp;

import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.pcap.PcapWriter;
import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.testing.Tshark;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two NetworkStacks on a real Link: TCP over Ethernet, ARP and IPv4, with the link's loss model. */
class TcpOverLinkTest {
    static final Ipv4Address IP_A = Ipv4Address.parse("10.0.0.1"), IP_B = Ipv4Address.parse("10.0.0.2");

    /** Two hosts a (10.0.0.1) and b (10.0.0.2) joined by one Link. */
    static final class Net {
        final Simulator sim;
        final Port pa, pb;
        final NetworkStack a, b;

        Net(long seed, LinkParams params) {
            sim = new Simulator(seed);
            pa = new Port("a:eth0", sim);
            pb = new Port("b:eth0", sim);
            Link.connect(sim, pa, pb, params);
            a = new NetworkStack(sim, "a");
            b = new NetworkStack(sim, "b");
            a.addInterface("eth0", pa, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
            b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        }
    }

    /** Server on b:5001 that hashes what it reads and closes at EOF. */
    static final class Sink {
        final MessageDigest sha = sha();
        long bytes;
        boolean eof;
        long lastByteAt;

        void attach(TcpSocket s, Simulator sim) {
            byte[] buf = new byte[65536];
            s.onReadable(() -> {
                int n;
                while ((n = s.read(buf, 0, buf.length)) > 0) { sha.update(buf, 0, n); bytes += n; lastByteAt = sim.now(); }
                if (n < 0 && !eof) { eof = true; s.close(); }
            });
        }
    }

    /** Client that writes data with back-pressure and half-closes when done. */
    static void sendAll(TcpSocket s, byte[] data) {
        int[] off = {0};
        Runnable pump = () -> {
            while (off[0] < data.length) {
                int n = s.write(data, off[0], data.length - off[0]);
                if (n == 0) return;
                off[0] += n;
            }
            if (s.state() == TcpState.ESTABLISHED) s.shutdownOutput();
        };
        s.onWritable(pump);
        pump.run();
    }

    static MessageDigest sha() {
        try { return MessageDigest.getInstance("SHA-256"); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    static byte[] randomBytes(int n, String name) {
        byte[] d = new byte[n];
        SimRandom.derive(99, name).nextBytes(d);
        return d;
    }

    @Test void tenMegabytes_over1PercentLoss_arriveByteExact_andBothSidesClose() {
        Net t = new Net(7, LinkParams.DEFAULT.withBandwidth(100_000_000L)
                .withDelay(SimTime.millis(2)).withLoss(0.01));
        byte[] data = randomBytes(10 * 1024 * 1024, "10mb");
        Sink sink = new Sink();
        t.b.tcp().listen(5001, s -> sink.attach(s, t.sim));
        CompletableFuture<TcpSocket> f = t.a.tcp().connect(IP_B, 5001);
        f.thenAccept(s -> sendAll(s, data));
        assertThat(t.sim.runUntil(() -> sink.eof, SimTime.seconds(600))).isTrue();
        assertThat(sink.bytes).isEqualTo(data.length);
        assertThat(sink.sha.digest()).isEqualTo(sha().digest(data));
        TcpSocket client = f.join();
        assertThat(t.sim.runUntil(() -> client.state() == TcpState.TIME_WAIT && t.b.tcp().sockets().size() == 1,
                SimTime.seconds(60))).isTrue();
        TcpInfo info = client.info();
        assertThat(info.bytesAcked()).isEqualTo(data.length);
        assertThat(info.retransmits()).isPositive();              // 1% loss must have cost retransmissions
        assertThat(t.b.tcp().sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN);
        assertThat(client.trace().samples(TcpTrace.Metric.CWND)).hasSizeGreaterThan(10);
    }

    @Test void handshake_costsOneRttBeforeData_andSlowStartDoublesPerRtt() {
        Net t = new Net(3, LinkParams.DEFAULT.withBandwidth(1_000_000_000L).withDelay(SimTime.millis(10)));
        Sink warm = new Sink();
        t.b.tcp().listen(5001, s -> warm.attach(s, t.sim));
        CompletableFuture<TcpSocket> w = t.a.tcp().connect(IP_B, 5001);   // resolves ARP first
        t.sim.runUntil(w, SimTime.seconds(5));
        long start = t.sim.now();
        CompletableFuture<TcpSocket> f = t.a.tcp().connect(IP_B, 5001);
        t.sim.runUntil(f, SimTime.seconds(5));
        long rtt = t.sim.now() - start;
        assertThat(rtt).isBetween(SimTime.millis(20), SimTime.millis(21));      // one RTT (2 x 10 ms + serialization)
        TcpSocket s = f.join();
        sendAll(s, new byte[400_000]);
        t.sim.runFor(SimTime.millis(200));
        var cwnd = s.trace().samples(TcpTrace.Metric.CWND);
        long iw = cwnd.getFirst().value();
        assertThat(iw).isEqualTo(10 * 1448);                                     // RFC 6928; SMSS 1460 - 12 (timestamps)
        long after1Rtt = cwndAt(cwnd, start + rtt + rtt + SimTime.millis(1));
        // slow start: every ACKed SMSS adds one SMSS, so cwnd about doubles in one RTT (delayed ACKs: RFC 3465 L=2)
        assertThat(after1Rtt).isBetween(2 * iw - 1448, 2 * iw);
    }

    @Test void packetPrinter_showsTcpLikeTcpdump() {
        Net t = new Net(5, LinkParams.DEFAULT.withDelay(SimTime.millis(1)));
        java.util.List<String> lines = new java.util.ArrayList<>();
        t.pa.addTap((port, dir, frame, now) -> {
            if (dir == FrameTap.Direction.OUTBOUND) lines.add(io.wirelab.wire.PacketPrinter.print(frame));
        });
        t.a.tcp().connect(IP_B, 9);                                 // nothing listens: SYN, then RST from b
        t.sim.runFor(SimTime.millis(50));
        String syn = lines.stream().filter(l -> l.contains("Flags [S]")).findFirst().orElseThrow();
        String tsval = Integer.toUnsignedString(t.a.tcp().tsOffset(IP_A.bits(), IP_B.bits()));   // at time 0: the offset, unsigned
        assertThat(syn).contains("10.0.0.1.").contains(" > 10.0.0.2.9: Flags [S], seq ")
                .contains("win 64240, options [mss 1460,sackOK,TS val " + tsval + " ecr 0,nop,wscale 7], length 0");   // Linux SYN
        assertThat(t.a.tcp().counters().get(TcpCounters.Event.CONNECT_FAILED)).isEqualTo(1);
    }

    private static long cwndAt(java.util.List<TcpTrace.Sample> samples, long at) {
        long v = -1;
        for (TcpTrace.Sample s : samples) if (s.atNanos() <= at) v = s.value();
        return v;
    }

    @Test void capture_isCleanInTshark_andSameSeedIsByteIdentical(@TempDir Path dir) throws IOException {
        byte[] first = captureTransfer(11);
        byte[] second = captureTransfer(11);
        assertThat(second).isEqualTo(first);
        Path file = dir.resolve("tcp-small-loss.pcap");
        Files.write(file, first);
        if (io.wirelab.testing.Tools.find("tshark").isEmpty() && !io.wirelab.testing.Tools.required()) return;
        assertThat(Tshark.malformed(file)).isZero();
        assertThat(Tshark.badChecksums(file)).isZero();
        assertThat(Tshark.count(file, "tcp.analysis.ack_lost_segment")).isZero();
        assertThat(Tshark.count(file, "tcp.analysis.retransmission || tcp.analysis.fast_retransmission")).isPositive();
    }

    private byte[] captureTransfer(long seed) throws IOException {
        Net t = new Net(seed, LinkParams.DEFAULT.withBandwidth(100_000_000L)
                .withDelay(SimTime.millis(1)).withLoss(0.02));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter pcap = new PcapWriter(out);
        t.pa.addTap((port, dir, frame, now) -> {
            try { pcap.writePacket(now, frame.bytes()); } catch (IOException e) { throw new IllegalStateException(e); }
        });
        Sink sink = new Sink();
        t.b.tcp().listen(5001, s -> sink.attach(s, t.sim));
        t.a.tcp().connect(IP_B, 5001).thenAccept(s -> sendAll(s, randomBytes(300_000, "small")));
        assertThat(t.sim.runUntil(() -> sink.eof, SimTime.seconds(120))).isTrue();
        t.sim.runFor(SimTime.seconds(1));
        pcap.flush();
        return out.toByteArray();
    }
}
