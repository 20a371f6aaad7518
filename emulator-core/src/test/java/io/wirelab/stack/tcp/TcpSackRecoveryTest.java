package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.TcpOption;
import io.wirelab.wire.tcp.TcpOption.SackBlock;
import org.junit.jupiter.api.Test;

import static io.wirelab.sim.SimTime.MS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SACK loss recovery through a whole connection with crafted peer ACKs: RACK finds the holes (RFC 8985),
 * only lost segments are resent (RFC 6675), and a lost tail is repaired by a loss probe, not the RTO.
 * Handshake RTT 10 ms, so SRTT 10 ms, RTO 210 ms; ten 1460-byte segments from base.
 */
class TcpSackRecoveryTest {
    static final int MSS = 1460;
    final TcpHarness t = TcpConnectionTest.establishedWithRtt(TcpOptions.defaults(), 65535);
    final int base = t.iss + 1;

    int seg(int i) { return base + i * MSS; }

    void sendTenSegments() {
        t.write(10 * MSS);
        for (int i = 0; i < 10; i++) assertThat(t.sent().seq()).isEqualTo(seg(i));
        t.expectNothingSent();
    }

    void peerAcks(int ack, SackBlock... blocks) {
        if (blocks.length == 0) t.fromPeer(t.ackOf(ack));
        else t.fromPeer(t.ackOf(ack).options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Sack(java.util.List.of(blocks))));
    }

    @Test void tailLoss_isRepairedByALossProbe_notByTheRto_rfc8985_7() {
        sendTenSegments();
        t.advance(10 * MS);
        peerAcks(seg(7));                                        // segments 7, 8, 9 lost: no duplicate ACK will come
        long ackedAt = t.sim.now();
        var probe = t.nextSent(5_000 * MS);
        // PTO = 2·SRTT + 2 ms with more than one segment out; no new data, so the last segment again
        assertThat(probe.atNanos() - ackedAt).isEqualTo(22 * MS);
        assertThat(probe.seq()).isEqualTo(seg(9));
        assertThat(t.counter(TcpCounters.Event.TX_LOSS_PROBE)).isEqualTo(1);
        t.advance(10 * MS);
        peerAcks(seg(7), new SackBlock(seg(9), seg(10)));       // the probe arrived: RACK marks 7 and 8 lost
        var repair = t.sent();
        assertThat(repair.seq()).isEqualTo(seg(7));
        assertThat(t.counter(TcpCounters.Event.TX_FAST_RETRANSMIT)).isEqualTo(1);
        t.expectNothingSent();                                   // PRR: one segment per segment delivered
        t.advance(10 * MS);
        peerAcks(seg(8), new SackBlock(seg(9), seg(10)));       // 7 arrived
        assertThat(t.sent().seq()).isEqualTo(seg(8));
        peerAcks(seg(10));
        t.advance(2_000 * MS);
        t.expectNothingSent();
        assertThat(t.counter(TcpCounters.Event.TIMEOUTS)).isZero();
        assertThat(t.socket.info().bytesAcked()).isEqualTo(10 * MSS);
    }

    @Test void lostSegment_threeSackedAfterIt_isResentOnce_sackedOnesNever_rfc6675_5() {
        sendTenSegments();
        t.advance(10 * MS);
        peerAcks(seg(0), new SackBlock(seg(1), seg(2)));
        peerAcks(seg(0), new SackBlock(seg(1), seg(3)));
        t.expectNothingSent();                                   // RACK waits min_rtt/4 while fewer than 3 are SACKed
        peerAcks(seg(0), new SackBlock(seg(1), seg(4)));         // DupThresh segments SACKed: reo_wnd 0
        var fr = t.sent();
        assertThat(fr.seq()).isEqualTo(seg(0));
        assertThat(fr.len()).isEqualTo(MSS);
        assertThat(t.counter(TcpCounters.Event.TX_FAST_RETRANSMIT)).isEqualTo(1);
        assertThat(t.socket.info().ssthresh()).isEqualTo(7 * MSS);   // CUBIC: 10 segments × 717/1024
        for (int k = 5; k <= 10; k++) peerAcks(seg(0), new SackBlock(seg(1), seg(k)));
        t.fromPeer(t.ackOf(seg(10)));
        assertThat(t.socket.info().cwnd()).isEqualTo(7 * MSS);       // RFC 6937: cwnd = ssthresh when recovery ends
        assertThat(t.socket.info().retransmits()).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.TIMEOUTS)).isZero();
    }

    @Test void singleSegmentOutstanding_probeWaitsForThePeersDelayedAck_linuxTlpPlus200ms() {
        t.write(100);
        long sentAt = t.sent().atNanos();
        var probe = t.nextSent(5_000 * MS);
        // 2·SRTT + 200 ms = 220 ms, but never after the RTO (210 ms): the probe replaces the first RTO
        assertThat(probe.atNanos() - sentAt).isEqualTo(210 * MS);
        assertThat(probe.seq()).isEqualTo(base);
        assertThat(t.counter(TcpCounters.Event.TX_LOSS_PROBE)).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.TIMEOUTS)).isZero();
    }
}
