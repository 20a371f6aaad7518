package io.wirelab.stack.tcp;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.testing.SharedCaptures;
import io.wirelab.testing.Tshark;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: two emulated hosts with the default TCP settings replay the scenarios of the Linux reference
 * captures tcp-close-variants.pcapng and nagle-delayed-ack.pcapng (same addresses, ports and byte counts,
 * captured on the client as those were); tshark reads both files and the TCP behaviour must match: the
 * handshake (profile linux), the segments from the first FIN on, the resets, the Nagle/delayed-ACK stall per round. What
 * depends only on how fast an application answers (Linux's separate ACK before a reply) is not compared.
 */
class LinuxReferenceCapturesTest {
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.7.1");
    /** The settings of every socket; a test may pick a profile before it runs. */
    TcpOptions options = TcpOptions.defaults();

    final Simulator sim = new Simulator(1);
    final NetworkStack client = new NetworkStack(sim, "client"), server = new NetworkStack(sim, "server");
    final Port clientPort = new Port("client:eth0", sim), serverPort = new Port("server:eth0", sim);

    /** Hosts on one veth-like link (10 us each way), the capture on the client's port. */
    Capture wire(Path file, String net) throws IOException {
        Link.connect(sim, clientPort, serverPort, LinkParams.DEFAULT.withDelay(SimTime.micros(10)));
        client.addInterface("eth0", clientPort, MacAddress.local(0x02)).configure(Ipv4Cidr.parse(net + ".2/24"));
        server.addInterface("eth0", serverPort, MacAddress.local(0x01)).configure(Ipv4Cidr.parse(net + ".1/24"));
        return Capture.toFile(file, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "reference replay").tap(clientPort);
    }

    /** One TCP segment as tshark decodes it; seq and ack relative, 'C' or 'S' for the sender. */
    record Segment(double time, int stream, char from, String flags, int len, long seq, long ack, int window, int headerLength,
                   String optionKinds, String windowShift) {
        boolean syn() { return flags.charAt(10) == 'S'; }
        boolean fin() { return flags.charAt(11) == 'F'; }
        boolean rst() { return flags.charAt(9) == 'R'; }
        /** What the comparison looks at: sender, flags and payload length. */
        String shape() { return from + " " + flags.replace("·", "") + " " + len; }
    }

    static List<Segment> segments(Path capture, String clientAddress) {
        List<Segment> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "tcp", "frame.time_relative", "tcp.stream", "ip.src", "tcp.flags.str",
                "tcp.len", "tcp.seq", "tcp.ack", "tcp.window_size_value", "tcp.hdr_len", "tcp.option_kind", "tcp.options.wscale.shift"))
            out.add(new Segment(Double.parseDouble(r.get(0)), Integer.parseInt(r.get(1)), r.get(2).equals(clientAddress) ? 'C' : 'S',
                    r.get(3), Integer.parseInt(r.get(4)), Long.parseLong(r.get(5)), Long.parseLong(r.get(6)),
                    Integer.parseInt(r.get(7)), Integer.parseInt(r.get(8)), r.get(9), r.get(10)));
        return out;
    }

    static List<Segment> stream(List<Segment> all, int stream) {
        return all.stream().filter(s -> s.stream() == stream).toList();
    }

    /** Shapes of the segments from the first FIN (or RST) of a connection on. */
    static List<String> fromFirstClose(List<Segment> connection) {
        int first = 0;
        while (first < connection.size() && !connection.get(first).fin() && !connection.get(first).rst()) first++;
        return connection.subList(first, connection.size()).stream().map(Segment::shape).toList();
    }

    /** Reads everything available; counts the bytes; true once EOF was read. */
    static boolean drain(TcpSocket s, int[] count) {
        byte[] buf = new byte[4096];
        for (int n; (n = s.read(buf)) != 0; ) {
            if (n < 0) return true;
            count[0] += n;
        }
        return false;
    }

    /** close_variants.py: (a) 7001 normal close, (b) 7002 half close, (c) 7003 RST on unread data, (d) 7004 refused. */
    void closeVariants() {
        server.tcp().listen(7001, options, 1, s -> {
            int[] got = {0};
            s.onReadable(() -> {
                if (drain(s, got)) s.close();
                else if (got[0] == 24) s.write(new byte[33]);
            });
        });
        server.tcp().listen(7002, options, 1, s -> {
            int[] got = {0};
            boolean[] answered = {false};
            s.onReadable(() -> {
                if (!drain(s, got) || answered[0]) return;
                answered[0] = true;
                for (int i = 0; i < 3; i++) sim.after(SimTime.millis(50) * i, () -> s.write(new byte[51]));
                sim.after(SimTime.millis(150), s::close);
            });
        });
        server.tcp().listen(7003, options, 1, s -> sim.after(SimTime.millis(300), s::close));

        client.tcp().connect(SERVER, 7001, options).thenAccept(c -> {
            c.write(new byte[24]);
            int[] got = {0};
            c.onReadable(() -> {
                drain(c, got);
                if (got[0] == 33) c.close();
            });
        });
        sim.after(SimTime.millis(300), () -> client.tcp().connect(SERVER, 7002, options).thenAccept(c -> {
            c.write(new byte[55]);
            sim.after(SimTime.micros(25), c::shutdownOutput);          // the Python client's 25 us in the reference
            c.onReadable(() -> { if (drain(c, new int[1])) c.close(); });
        }));
        sim.after(SimTime.millis(600), () -> client.tcp().connect(SERVER, 7003, options).thenAccept(c -> {
            c.write(new byte[39]);
            c.onReadable(() -> drain(c, new int[1]));
        }));
        CompletableFuture<?>[] refused = new CompletableFuture<?>[1];
        sim.after(SimTime.millis(900), () -> refused[0] = client.tcp().connect(SERVER, 7004, options));
        sim.runFor(SimTime.seconds(2));
        assertThat(refused[0]).isCompletedExceptionally();
    }

    @Test void closeVariantsMatchTheLinuxReference(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("close.pcapng");
        try (Capture _ = wire(ours, "198.18.7")) {
            closeVariants();
        }
        List<Segment> ref = segments(SharedCaptures.file("tcp-close-variants.pcapng"), "198.18.7.2");
        List<Segment> lab = segments(ours, "198.18.7.2");
        for (int stream = 0; stream < 3; stream++) {
            List<Segment> r = stream(ref, stream), l = stream(lab, stream);
            String facts = "stream " + stream + "\nLinux " + r.stream().map(Segment::shape).toList()
                    + "\nlab   " + l.stream().map(Segment::shape).toList();
            // (a) a prompt close() answers the peer's FIN with one FIN/ACK (Linux tcp_fin: the FIN's ACK is delayed)
            // (b) the half-closed client ACKs each of the server's three writes, then FIN and the last ACK
            // (c) close() with unread data: RST/ACK at SND.NXT, no FIN (RFC 2525 §2.17)
            assertThat(fromFirstClose(l)).as(facts).isEqualTo(fromFirstClose(r));
            Segment refRst = r.getLast(), labRst = l.getLast();
            if (refRst.rst()) assertThat(List.of(labRst.seq(), labRst.ack())).as(facts).isEqualTo(List.of(refRst.seq(), refRst.ack()));
        }
        // (d) a SYN to a closed port: RST/ACK, seq 0, ack ISN + 1, window 0, no options
        Segment refRefused = stream(ref, 3).getLast(), labRefused = stream(lab, 3).getLast();
        assertThat(List.of(labRefused.shape(), labRefused.seq(), labRefused.ack(), labRefused.window(), labRefused.headerLength()))
                .isEqualTo(List.of(refRefused.shape(), refRefused.seq(), refRefused.ack(), refRefused.window(), refRefused.headerLength()));
    }

    /** The SYN and SYN-ACK of connection (a) against the reference's. */
    void assertHandshakesMatchTheLinuxReference(Path dir) throws Exception {
        Path ours = dir.resolve("close.pcapng");
        try (Capture _ = wire(ours, "198.18.7")) {
            closeVariants();
        }
        List<Segment> ref = segments(SharedCaptures.file("tcp-close-variants.pcapng"), "198.18.7.2");
        List<Segment> lab = segments(ours, "198.18.7.2");
        for (char from : new char[] {'C', 'S'}) {
            Segment r = ref.stream().filter(s -> s.syn() && s.from() == from).findFirst().orElseThrow();
            Segment l = lab.stream().filter(s -> s.syn() && s.from() == from).findFirst().orElseThrow();
            String facts = "Linux " + r + "\nlab   " + l;
            // MSS, SACK_PERM, TS, NOP, WS (without timestamps: MSS, NOP, NOP, SACK_PERM, NOP, WS)
            assertThat(l.optionKinds()).as(facts).isEqualTo(r.optionKinds());
            // SYN 64240, SYN-ACK 65160 (tcp_connect_init, tcp_openreq_init_rwin; 65535 before the profile: defect 8)
            assertThat(l.window()).as(facts).isEqualTo(r.window());
            // window scale 7 (tcp_rmem[2] 6 MiB in Linux 6.12; the 6.18 reference host has 32 MiB and says 10)
            assertThat(l.windowShift()).as(facts).isEqualTo("7");
        }
    }

    @Test void defaultHandshakesMatchTheLinuxReference(@TempDir Path dir) throws Exception {
        assertHandshakesMatchTheLinuxReference(dir);              // issue 11: profile linux is the default
    }

    @Test void profileLinuxHandshakesMatchTheLinuxReference(@TempDir Path dir) throws Exception {
        options = TcpProfile.LINUX.options();
        assertHandshakesMatchTheLinuxReference(dir);
    }

    /** nagle.py: per round the client writes 16 B twice (Nagle on) and reads a 24 B reply; the server answers both parts. */
    static List<Double> roundTimesMillis(List<Segment> connection) {
        List<Segment> parts = connection.stream().filter(s -> s.from() == 'C' && s.len() == 16).toList();
        List<Segment> replies = connection.stream().filter(s -> s.from() == 'S' && s.len() == 24).toList();
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < replies.size(); round++)
            times.add((replies.get(round).time() - parts.get(2 * round).time()) * 1000);
        return times;
    }

    @Test void nagleMeetsLinuxDelayedAckForFortyMillisecondsAfterAFastFirstRound(@TempDir Path dir) throws Exception {
        int rounds = 6;
        Path ours = dir.resolve("nagle.pcapng");
        try (Capture _ = wire(ours, "198.18.8")) {
            server.tcp().listen(7101, options, 1, s -> {
                int[] got = {0};
                s.onReadable(() -> {
                    if (drain(s, got)) { s.close(); return; }
                    while (got[0] >= 32) { got[0] -= 32; s.write(new byte[24]); }
                });
            });
            client.tcp().connect(Ipv4Address.parse("198.18.8.1"), 7101, options).thenAccept(s -> {
                int[] round = {0}, got = {0};
                Runnable ask = () -> { s.write(new byte[16]); s.write(new byte[16]); };
                s.onReadable(() -> {
                    drain(s, got);
                    if (got[0] < 24) return;
                    got[0] -= 24;
                    if (++round[0] < rounds) ask.run();
                    else s.close();
                });
                ask.run();
            });
            sim.runFor(SimTime.seconds(5));
        }
        List<Double> linux = roundTimesMillis(stream(segments(SharedCaptures.file("nagle-delayed-ack.pcapng"), "198.18.8.2"), 0));
        List<Double> lab = roundTimesMillis(segments(ours, "198.18.8.2"));
        String facts = "round times (ms): Linux " + linux + ", lab " + lab;
        assertThat(lab).as(facts).hasSize(rounds);
        // quick-ACK mode at the start: round 0 does not stall (Linux 0.4 ms)
        assertThat(linux.getFirst()).as(facts).isLessThan(5.0);
        assertThat(lab.getFirst()).as(facts).isLessThan(5.0);
        // then pingpong: part 2 waits for the delayed ACK, TCP_ATO_MIN 40 ms (Linux 42-44 ms on HZ 250; textbook 200 ms)
        assertThat(linux.subList(1, rounds)).as(facts).allSatisfy(t -> assertThat(t).isBetween(35.0, 50.0));
        assertThat(lab.subList(1, rounds)).as(facts).allSatisfy(t -> assertThat(t).isBetween(35.0, 50.0));
    }
}
