package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** cwnd as the sender uses it: validation (RFC 7661), long byte counts, NewReno's timer (RFC 6582). */
class TcpCongestionWindowTest {
    static final long MS = SimTime.MS;
    static final TcpOptions DEF = TcpOptions.defaults();

    /** Issue 11 defect 2: cwnd grew by every ACK and wrapped past 2^31 bytes, then the persist path sent a negative length. */
    @Test void lossFreeFlowPastTwoGigabytes_cwndStaysBoundedByUse_andDataKeepsFlowing_rfc7661() {
        TcpHarness t = new TcpHarness();
        t.mtu = 65535;
        t.connecting = t.tcp.connect(TcpHarness.PEER, 80, DEF);
        var syn = t.sent();
        t.iss = syn.seq();
        t.localPort = syn.h().sourcePort();
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(65535)
                .options(new TcpOption.Mss(65495), new TcpOption.WindowScale(0)));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        t.socket = t.connecting.join();
        long initialCwnd = t.socket.info().cwnd();
        byte[] chunk = new byte[256 * 1024];
        long acked = 0;
        while (acked < 2_300_000_000L) {                   // the receive window (one segment) limits, not cwnd
            t.socket.write(chunk, 0, Math.min(chunk.length, t.socket.writableBytes()));
            var s = t.nextSent(SimTime.seconds(5));
            assertThat(s.len()).isEqualTo(65495);
            t.fromPeer(t.ackOf(s.seq() + s.len()));
            acked += s.len();
        }
        assertThat(t.socket.info().bytesAcked()).isEqualTo(acked);
        assertThat(t.socket.info().cwnd()).isEqualTo(initialCwnd);
    }

    @Test void rwndLimitedFlow_cwndDoesNotGrow_rfc7661() {
        TcpHarness t = TcpHarness.established(DEF, 4 * 1460);
        for (int round = 0; round < 50; round++) {
            t.write(4 * 1460);
            int last = 0;
            for (int i = 0; i < 4; i++) { var s = t.sent(); last = s.seq() + s.len(); }
            t.fromPeer(t.ackOf(last).window(4 * 1460));
        }
        assertThat(t.socket.info().cwnd()).isEqualTo(10 * 1460);
    }

    /** Issue 11 defect 3: every partial ACK pushed the timer out, so a window with many losses never timed out. */
    @Test void fastRecovery_onlyTheFirstPartialAckRearmsTheRetransmitTimer_rfc6582_3_2_step5() {
        TcpHarness t = TcpConnectionTest.establishedWithRtt(DEF.withSack(false), 65535);   // NewReno: no SACK
        long rto = t.socket.info().rtoNanos();
        assertThat(rto).isEqualTo(210 * MS);
        int base = t.iss + 1;
        t.write(14600);
        for (int i = 0; i < 10; i++) t.sent();
        for (int i = 0; i < 3; i++) t.fromPeer(t.ackOf(base));          // segments 0, 2, 4, 6, 8 lost
        assertThat(t.sent().seq()).isEqualTo(base);
        long t0 = t.sim.now();
        for (int k = 1; k <= 4; k++) {
            t.fromPeer(t.ackOf(base + 2 * k * 1460));               // partial ACK: the next hole is retransmitted
            assertThat(t.sent().seq()).isEqualTo(base + 2 * k * 1460);
            t.advance(60 * MS);
        }
        assertThat(t.sim.now() - t0).isEqualTo(240 * MS);
        assertThat(t.counter(TcpCounters.Event.TIMEOUTS)).isEqualTo(1);     // at t0 + RTO, from the first partial ACK
        assertThat(t.sent().atNanos()).isEqualTo(t0 + rto);
    }

    /** Issue 11 defect 6: after 10 s idle the whole grown cwnd left back-to-back. */
    @Test void afterIdleLongerThanRto_cwndRestartsAtTheInitialWindow_rfc5681_4_1() {
        TcpHarness t = TcpConnectionTest.establishedWithRtt(DEF, 65535);
        for (int round = 0; round < 2; round++) {                   // slow start: cwnd grows to 20 segments
            long cwnd = t.socket.info().cwnd();
            t.write((int) cwnd);
            int last = 0;
            while (!t.out.isEmpty()) { var s = t.sent(); last = s.seq() + s.len(); t.fromPeer(t.ackOf(last)); }
        }
        long grown = t.socket.info().cwnd();
        assertThat(grown).isGreaterThan(10 * 1460);
        t.advance(SimTime.seconds(10));
        t.write(40 * 1460);
        int burst = t.out.size();
        assertThat(burst).isEqualTo(10);                            // min(IW, cwnd), Linux tcp_cwnd_restart
        assertThat(t.socket.info().ssthresh()).isGreaterThanOrEqualTo(grown * 3 / 4);
    }
}
