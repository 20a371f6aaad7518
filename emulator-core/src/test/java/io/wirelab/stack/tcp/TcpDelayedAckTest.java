package io.wirelab.stack.tcp;

import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.PSH;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** When the receiver ACKs: Linux's adaptive delayed ACK (LINUX-TCP §3) and the fixed timer. */
class TcpDelayedAckTest {
    static final long MS = SimTime.MS;
    static final TcpOptions LINUX = TcpOptions.defaults();
    static final TcpOptions FIXED = TcpOptions.defaults().withDelayedAckMode(DelayedAckMode.FIXED);

    /** Established with a 10 ms handshake RTT; the peer uses timestamps when ts is set. */
    static TcpHarness established(TcpOptions o, boolean ts) {
        TcpHarness t = TcpHarness.inSynSent(o.withTimestamps(ts));
        t.advance(10 * MS);
        var synAck = t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(65535);
        if (ts) synAck.options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Timestamps(7, 0),
                new TcpOption.WindowScale(0));
        else synAck.options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.WindowScale(0));
        t.fromPeer(synAck);
        assertThat(t.sent().flags()).isEqualTo(ACK);
        t.socket = t.connecting.join();
        return t;
    }

    static void peerData(TcpHarness t, int len, boolean ts) {
        var s = t.seg(ACK | PSH).seq(t.peerNxt).ack(t.iss + 1).payload(len);
        if (ts) s.options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(8, 0));
        t.fromPeer(s);
        t.peerNxt += len;
    }

    /** Issue 11 defect 4: with timestamps a full segment carries 1448 bytes; 2 x 1460 made it every third. */
    @Test void timestamps_everySecondFullSegmentIsAcked_rfc1122_4_2_3_2() {
        TcpHarness t = established(FIXED, true);
        peerData(t, 1448, true);
        t.expectNothingSent();
        peerData(t, 1448, true);
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(ack.atNanos()).isEqualTo(t.sim.now());
    }

    /** Issue 11 defect 8: quick-ACK mode is real (Linux tcp_incr_quickack), not a side effect of a window update. */
    @Test void linux_firstDataIsAckedAtOnce_quickAckMode_evenWithA64KiBBuffer() {
        TcpHarness t = established(LINUX.withReceiveBuffer(64 * 1024), false);
        t.peerSends(16, t.iss + 1);
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(ack.atNanos()).isEqualTo(t.sim.now());
    }

    @Test void linux_quickAckModeEndsAfterItsCount_thenAckIsDelayedByAto() {
        TcpHarness t = established(LINUX, false);
        // quick-ACK count = min(rcv_wnd / (2 x rcv_mss), 16) = 16 with rcv_mss still 536
        for (int i = 0; i < 16; i++) {
            t.peerSends(100, t.iss + 1);
            assertThat(t.sent().atNanos()).as("quick ACK %d", i).isEqualTo(t.sim.now());
        }
        long t0 = t.sim.now();
        t.peerSends(100, t.iss + 1);
        t.expectNothingSent();
        assertThat(t.nextSent(SimTime.seconds(1)).atNanos() - t0).isEqualTo(40 * MS);    // TCP_ATO_MIN
    }

    @Test void linux_replyWithinAto_isInteractive_nextRequestsAckRidesOnTheResponse() {
        TcpHarness t = established(LINUX, false);
        t.peerSends(100, t.iss + 1);
        assertThat(t.sent().len()).isZero();                        // quick ACK of the first request
        t.advance(MS);
        t.write(50);                                                 // the response, 1 ms later: pingpong
        var response = t.sent();
        assertThat(response.len()).isEqualTo(50);
        t.advance(20 * MS);
        t.fromPeer(t.seg(ACK | PSH).seq(t.peerNxt).ack(t.iss + 51).payload(100));   // second request
        t.peerNxt += 100;
        t.expectNothingSent();                                       // pingpong: the ACK waits for the reply
        t.advance(5 * MS);
        t.write(50);
        var second = t.sent();
        assertThat(second.len()).isEqualTo(50);
        assertThat(second.ack()).isEqualTo(t.peerNxt);               // the response carries the ACK
        t.fromPeer(t.ackOf(t.iss + 101));
        t.advance(SimTime.seconds(1));
        t.expectNothingSent();
    }

    @Test void linux_interactiveAndSilent_delayedAckAfterAto_thenLeavesPingpong() {
        TcpHarness t = established(LINUX, false);
        t.peerSends(100, t.iss + 1);
        t.sent();
        assertThat(t.socket.read(new byte[200])).isEqualTo(100);
        t.write(50);
        t.sent();
        t.fromPeer(t.ackOf(t.iss + 51));
        t.advance(100 * MS);
        long t0 = t.sim.now();
        t.fromPeer(t.seg(ACK | PSH).seq(t.peerNxt).ack(t.iss + 51).payload(16));
        t.peerNxt += 16;
        var ack = t.nextSent(SimTime.seconds(1));
        assertThat(ack.atNanos() - t0).isEqualTo(40 * MS);          // Linux's 40 ms-class stall, not 200 ms
        assertThat(t.socket.read(new byte[64])).isEqualTo(16);
        t.advance(100 * MS);
        t.peerSends(16, t.iss + 51);                                 // the timer ended pingpong: read ACKs a pushed segment
        assertThat(t.socket.read(new byte[64])).isEqualTo(16);
        assertThat(t.sent().atNanos()).isEqualTo(t.sim.now());
    }

    @Test void linux_finIsAckedLate_soAPromptCloseSendsOneFinAck() {
        TcpHarness t = established(LINUX, false);
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 1));
        t.expectNothingSent();                                       // Linux tcp_fin enters pingpong
        t.socket.close();
        var fin = t.sent();
        assertThat(fin.flags()).isEqualTo(FIN | ACK);
        assertThat(fin.ack()).isEqualTo(t.peerNxt + 1);
        t.expectNothingSent();
    }

    @Test void fixed_finIsAckedAtOnce_rfc9293_3_10_7_4() {
        TcpHarness t = established(FIXED, false);
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 1));
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt + 1);
    }

    /**
     * Issue 11 defect 1: a response the client does not answer was retransmitted just before the client's
     * 200 ms delayed ACK arrived, and Karn's rule then kept the RTO from ever learning. Request/response over
     * links from 10 us to 200 ms one way, with either delayed-ACK mode: no retransmission at all.
     */
    @ParameterizedTest
    @CsvSource({"10000, ADAPTIVE", "1000000, ADAPTIVE", "20000000, ADAPTIVE", "200000000, ADAPTIVE",
                "10000, FIXED", "1000000, FIXED", "20000000, FIXED", "200000000, FIXED"})
    void requestResponse_silentClient_noRetransmission(long delayNanos, DelayedAckMode mode) {
        TcpOptions o = TcpOptions.defaults().withDelayedAckMode(mode);
        TcpOverLinkTest.Net net = new TcpOverLinkTest.Net(3, LinkParams.DEFAULT.withBandwidth(10_000_000L).withDelay(delayNanos));
        net.b.tcp().listen(80, o, 16, s -> s.onReadable(() -> {
            byte[] buf = new byte[1000];
            if (s.read(buf) > 0) s.write(new byte[10], 0, 10);      // a 10-byte response to every request
        }));
        CompletableFuture<TcpSocket> f = net.a.tcp().connect(TcpOverLinkTest.IP_B, 80, o);
        assertThat(net.sim.runUntil(f, SimTime.seconds(5))).isTrue();
        TcpSocket c = f.join();
        int[] responses = {0};
        c.onReadable(() -> { while (c.read(new byte[100]) > 0) responses[0]++; });
        for (int i = 0; i < 8; i++) {
            c.write(new byte[100], 0, 100);
            net.sim.runFor(SimTime.seconds(3));                     // the client reads and stays silent
        }
        assertThat(responses[0]).isEqualTo(8);
        assertThat(c.info().retransmits()).isZero();
        assertThat(net.b.tcp().connections()).extracting(s -> s.info().retransmits()).containsOnly(0L);
    }
}
