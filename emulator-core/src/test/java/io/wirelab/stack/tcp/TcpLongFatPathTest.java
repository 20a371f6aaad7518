package io.wirelab.stack.tcp;

import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's long fat path: one flow over 1 Gbit/s with 25 ms each way and a drop-tail queue of one
 * bandwidth-delay product (4063 frames of 1538 wire bytes = 50 ms at 1 Gbit/s), 16 MiB buffers.
 * Goodput is measured after a warm-up, over a span long enough to hold the flow's steady state
 * (see docs/conformance-tcp.md, "Long fat path", for why these spans and not 60 s).
 */
class TcpLongFatPathTest {
    static final long LINK = 1_000_000_000L;
    static final long ONE_WAY = SimTime.millis(25);
    static final int BDP_FRAMES = (int) (LINK / 8 * 2 * ONE_WAY / SimTime.SECOND / (1514 + LinkParams.WIRE_OVERHEAD_BYTES));
    static final int BUFFER = 16 << 20;
    /** Payload bits per second the link can carry in full-size segments without options: 1460 of 1538 wire bytes. */
    static final double PAYLOAD_RATE = LINK * 1460.0 / (1514 + LinkParams.WIRE_OVERHEAD_BYTES);
    /** The same with timestamps (profile linux): 1448 payload bytes per full-size frame. */
    static final double PAYLOAD_RATE_TS = LINK * 1448.0 / (1514 + LinkParams.WIRE_OVERHEAD_BYTES);
    /** Round trip without queueing: both propagation delays and one full frame's serialization. */
    static final double RTT_SECONDS = 2 * ONE_WAY / 1e9 + (1514 + LinkParams.WIRE_OVERHEAD_BYTES) * 8.0 / LINK;

    /** A sender that always has data, and a sink that counts; returns goodput in bit/s over [from, to]. */
    static double goodput(TcpOptions o, long from, long to) {
        TcpOverLinkTest.Net t = new TcpOverLinkTest.Net(1, LinkParams.DEFAULT.withBandwidth(LINK).withDelay(ONE_WAY)
                .withQueueFrames(BDP_FRAMES));
        long[] received = {0};
        t.b.tcp().listen(5001, o, 4, s -> {
            byte[] buf = new byte[1 << 16];
            s.onReadable(() -> { int n; while ((n = s.read(buf, 0, buf.length)) > 0) received[0] += n; });
        });
        byte[] chunk = new byte[1 << 16];
        t.a.tcp().connect(TcpOverLinkTest.IP_B, 5001, o).thenAccept(s -> {
            Runnable pump = () -> { while (s.write(chunk, 0, chunk.length) > 0) { } };
            s.onWritable(pump);
            pump.run();
        });
        t.sim.runUntil(from);
        long atFrom = received[0];
        t.sim.runUntil(to);
        return (received[0] - atFrom) * 8.0 / ((to - from) / 1e9);
    }

    static TcpOptions buffers(TcpOptions o) { return o.withSendBuffer(BUFFER).withReceiveBuffer(BUFFER); }

    /**
     * Profile linux with its own limits (autotuning up to 6 MiB receive, 4 MiB send as tcp_rmem[2] / tcp_wmem[2]):
     * the send buffer holds at most 4 MiB unacknowledged, so 4 MiB per RTT is what the limits allow (Linux's
     * would allow less: its buffers count skb overhead).
     */
    @Test void linuxProfile_defaultLimits_reaches90PercentOfWhatTheLimitsAllow() {
        TcpOptions linux = TcpProfile.LINUX.options();
        double allowed = Math.min(PAYLOAD_RATE_TS, Math.min(linux.sendBufferMax(), linux.receiveBufferMax()) * 8.0 / RTT_SECONDS);
        double g = goodput(linux, SimTime.seconds(2), SimTime.seconds(5));
        assertThat(g / allowed).as("goodput %.1f of %.1f Mbit/s", g / 1e6, allowed / 1e6).isGreaterThanOrEqualTo(0.90);
    }

    @Test void linuxProfile_16MiB_fillsAtLeast90PercentOfTheLink() {
        TcpOptions linux = TcpProfile.LINUX.options().toBuilder().receiveBufferMax(BUFFER).sendBufferMax(BUFFER).build();
        double g = goodput(linux, SimTime.seconds(2), SimTime.seconds(5));
        assertThat(g / PAYLOAD_RATE_TS).as("goodput %.1f Mbit/s", g / 1e6).isGreaterThanOrEqualTo(0.90);
    }

    /**
     * Profile textbook (NewReno, no SACK, no timestamps, RTO floor 1 s) with 16 MiB buffers: slow start
     * overshoots, NewReno repairs one loss per RTT until the RTO, and the go-back-N after it ends near 4.6 s
     * (docs/conformance-tcp.md); from then on congestion avoidance holds the link full.
     */
    @Test void textbookProfile_16MiB_fillsAtLeast80PercentOfTheLink() {
        double g = goodput(buffers(TcpProfile.TEXTBOOK.options()), SimTime.seconds(5), SimTime.seconds(8));
        assertThat(g / PAYLOAD_RATE).as("textbook goodput %.1f Mbit/s", g / 1e6).isGreaterThanOrEqualTo(0.80);
    }

    @Test void cubic_16MiB_fillsAtLeast90PercentOfTheLink() {
        double g = goodput(buffers(TcpOptions.defaults()), SimTime.seconds(2), SimTime.seconds(8));
        assertThat(g / PAYLOAD_RATE).as("CUBIC goodput %.1f Mbit/s", g / 1e6).isGreaterThanOrEqualTo(0.90);
    }
}
