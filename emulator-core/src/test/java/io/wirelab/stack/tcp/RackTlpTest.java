package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption.SackBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wirelab.sim.SimTime.millis;
import static org.assertj.core.api.Assertions.assertThat;

/** RACK loss marking, the reordering window, the TLP timeout (RFC 8985), and PRR's sndcnt (RFC 6937). */
class RackTlpTest {
    static final int MSS = 1000;
    final SackScoreboard sb = new SackScoreboard();
    final RackTlp rack = new RackTlp();

    /** Segments 0..n-1 of 1000 bytes from sequence 0; segment i leaves at i ms. */
    void send(int n) { for (int i = 0; i < n; i++) sb.onSend(i * MSS, MSS, millis(i)); }

    void ack(long now, int cumAck, SackBlock... blocks) {
        rack.beginAck(now);
        sb.onAck(cumAck, List.of(blocks), rack);
    }

    @Test void laterSegmentSacked_earlierOneLostOnceRttPlusReoWndPassed_rfc8985_6_2() {
        send(4);
        rack.onRttSample(millis(20));
        // segment 0 lost; segment 1 (sent at 1 ms) SACKed at 21 ms: RACK.rtt = 20 ms
        ack(millis(21), 0, new SackBlock(MSS, 2 * MSS));
        long reo = rack.reoWnd(false, false, false, millis(20));
        assertThat(reo).isEqualTo(millis(5));                      // min_rtt / 4
        // segment 0 left at 0 ms: lost at 0 + 20 + 5 = 25 ms, so 4 ms to go
        assertThat(rack.detectLoss(sb, millis(21), reo)).isEqualTo(millis(4));
        assertThat(sb.isLost(sb.find(0))).isFalse();
        assertThat(rack.detectLoss(sb, millis(25), reo)).isZero();
        assertThat(sb.isLost(sb.find(0))).isTrue();
        // segments 2 and 3 were sent after the delivered one: never lost by this ACK
        assertThat(sb.isLost(sb.find(2 * MSS))).isFalse();
        assertThat(sb.isLost(sb.find(3 * MSS))).isFalse();
    }

    @Test void reoWnd_zeroInRecoveryOrAfterDupThresh_untilReorderingIsSeen_linuxTcpRackReoWnd() {
        rack.onRttSample(millis(40));
        assertThat(rack.reoWnd(false, true, false, millis(50))).isZero();
        assertThat(rack.reoWnd(false, false, true, millis(50))).isZero();
        assertThat(rack.reoWnd(true, true, true, millis(50))).isEqualTo(millis(10));
        assertThat(rack.reoWnd(true, true, true, millis(6))).isEqualTo(millis(6));   // capped by SRTT
    }

    @Test void dsack_widensReoWnd_forSixteenRecoveries_rfc8985_6_2_step4() {
        rack.onRttSample(millis(40));
        rack.beginAck(millis(100));
        rack.onDsack();
        rack.updateReoWnd(millis(40));
        assertThat(rack.reoWnd(true, false, false, millis(100))).isEqualTo(millis(20));
        rack.onDsack();                                            // within the same round trip: ignored
        rack.updateReoWnd(millis(40));
        assertThat(rack.reoWndSteps()).isEqualTo(2);
        for (int i = 0; i < RackTlp.RECOVERY_THRESH; i++) rack.onRecoveryEnd();
        rack.updateReoWnd(millis(40));
        assertThat(rack.reoWndSteps()).isEqualTo(1);
    }

    @Test void lostRetransmission_isDetectedToo() {
        send(3);
        rack.onRttSample(millis(10));
        ack(millis(12), 0, new SackBlock(MSS, 2 * MSS));
        rack.detectLoss(sb, millis(30), 0);
        long p = sb.nextLost();
        assertThat(sb.startSeq(p)).isZero();
        sb.onRetransmit(p, millis(30));
        // segment 2, first sent at 2 ms, is SACKed at 31 ms; the retransmission (30 ms) was sent later: kept
        ack(millis(31), 0, new SackBlock(MSS, 3 * MSS));
        assertThat(rack.detectLoss(sb, millis(31), 0)).isZero();
        assertThat(sb.nextLost()).isEqualTo(SackScoreboard.NONE);
        // new data sent at 32 ms is SACKed at 45 ms: the retransmission is now deemed lost
        sb.onSend(3 * MSS, MSS, millis(32));
        ack(millis(45), 0, new SackBlock(MSS, 4 * MSS));
        rack.detectLoss(sb, millis(45), 0);
        assertThat(sb.nextLost()).isEqualTo(p);
    }

    @Test void ambiguousShortSampleOfRetransmittedSegment_isIgnored_rfc8985_6_2_step2() {
        send(2);
        rack.onRttSample(millis(20));
        long p = sb.find(0);
        sb.markLost(p);
        sb.onRetransmit(p, millis(25));
        ack(millis(26), MSS);                                      // 1 ms after the retransmission: the original
        assertThat(rack.rtt()).isZero();
    }

    @Test void probeTimeout_linuxTcpScheduleLossProbe() {
        assertThat(RackTlp.probeTimeout(millis(10), 5, millis(500))).isEqualTo(millis(22));   // 2·SRTT + 2 ms
        assertThat(RackTlp.probeTimeout(millis(10), 1, millis(500))).isEqualTo(millis(220));  // + 200 ms for one segment
        assertThat(RackTlp.probeTimeout(millis(10), 1, millis(150))).isEqualTo(millis(150));  // never after the RTO
        assertThat(RackTlp.probeTimeout(0, 3, SimTime.seconds(3))).isEqualTo(SimTime.seconds(1));
    }

    @Test void probeAck_beyondRetransmittedProbe_meansLossRepaired_rfc8985_7_4() {
        rack.onProbeSent(10_000, true);
        assertThat(rack.onAck(9_000, false, false)).isEqualTo(RackTlp.ProbeOutcome.NONE);
        assertThat(rack.probeOutstanding()).isTrue();
        assertThat(rack.onAck(11_000, false, false)).isEqualTo(RackTlp.ProbeOutcome.REPAIRED_LOSS);
        assertThat(rack.probeOutstanding()).isFalse();
    }

    @Test void probeAck_withDsackOrPureDuplicate_meansNoLoss() {
        rack.onProbeSent(10_000, true);
        assertThat(rack.onAck(11_000, true, false)).isEqualTo(RackTlp.ProbeOutcome.NONE);
        assertThat(rack.probeOutstanding()).isFalse();
        rack.onProbeSent(10_000, true);
        assertThat(rack.onAck(10_000, false, true)).isEqualTo(RackTlp.ProbeOutcome.NONE);
        assertThat(rack.probeOutstanding()).isFalse();
        rack.onProbeSent(10_000, false);                          // a probe of new data: nothing to repair
        assertThat(rack.onAck(12_000, false, false)).isEqualTo(RackTlp.ProbeOutcome.NONE);
    }

    @Test void prr_proportionalAboveSsthresh_thenSlowStartBound_rfc6937_3() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 7 * MSS);                              // CUBIC: ssthresh 0.7 × 10 segments
        // first ACK: one segment SACKed, pipe 8 segments (one lost): ceil(7/10 × 1) - 0 = 1 segment
        assertThat(prr.onAck(MSS, true, false, 8 * MSS, MSS)).isEqualTo(9 * MSS);
        prr.onSent(MSS);
        // second: 2000 bytes delivered in total: ceil(7000 × 2000 / 10000) - 1000 = 400 bytes more than pipe
        assertThat(prr.onAck(MSS, false, false, 8 * MSS, MSS)).isEqualTo(8 * MSS + 400);
        prr.onSent(MSS);
        // pipe below ssthresh: send what was delivered, +1 segment as SND.UNA advanced (PRR-SSRB)
        assertThat(prr.onAck(2 * MSS, false, true, 4 * MSS, MSS)).isEqualTo(7 * MSS);
        // nothing delivered: cwnd unchanged
        assertThat(prr.onAck(0, false, false, 4 * MSS, MSS)).isEqualTo(-1);
    }

    @Test void prr_firstAckAlwaysAllowsTheFastRetransmit() {
        Prr prr = new Prr();
        prr.start(100 * MSS, 50 * MSS);
        assertThat(prr.onAck(1, true, false, 99 * MSS, MSS)).isEqualTo(100 * MSS);   // ceil(50/100 × 1 byte) = 1 → at least 1 MSS
    }
}
