package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption.SackBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 6675 scoreboard fed with crafted ACKs: ten 1000-byte segments starting at sequence 1000. */
class SackScoreboardTest {
    static final int MSS = 1000;
    final SackScoreboard sb = new SackScoreboard();
    final List<Long> deliveredSentAt = new ArrayList<>();
    final SackScoreboard.DeliveryListener listener = (sentAt, end, retransmitted) -> deliveredSentAt.add(sentAt);

    SackScoreboardTest() {
        for (int i = 0; i < 10; i++) sb.onSend(seg(i), MSS, SimTime.millis(i));   // segment i leaves at i ms
    }

    static int seg(int i) { return 1000 + i * MSS; }
    static SackBlock block(int from, int toExclusive) { return new SackBlock(seg(from), seg(toExclusive)); }

    @Test void cumulativeAck_removesSegments_andCountsDelivered() {
        assertThat(sb.pipe()).isEqualTo(10 * MSS);
        assertThat(sb.onAck(seg(3), List.of(), listener)).isEqualTo(3 * MSS);
        assertThat(sb.segments()).isEqualTo(7);
        assertThat(sb.pipe()).isEqualTo(7 * MSS);
        assertThat(deliveredSentAt).containsExactly(0L, SimTime.millis(1), SimTime.millis(2));
    }

    @Test void sackBlocks_markWholeSegments_andLeavePipe_rfc6675_4() {
        // segment 0 lost: the receiver reports 1..3, then 1..5
        assertThat(sb.onAck(seg(0), List.of(block(1, 4)), listener)).isEqualTo(3 * MSS);
        assertThat(sb.sackedBytes()).isEqualTo(3 * MSS);
        assertThat(sb.pipe()).isEqualTo(7 * MSS);
        // the repeated part of the block is not delivered twice (Linux recv_sack_cache)
        assertThat(sb.onAck(seg(0), List.of(block(1, 6)), listener)).isEqualTo(2 * MSS);
        assertThat(sb.sackedBytes()).isEqualTo(5 * MSS);
        // a block covering half a segment marks nothing
        assertThat(sb.onAck(seg(0), List.of(new SackBlock(seg(6), seg(6) + 500), block(1, 6)), listener)).isZero();
        assertThat(sb.isSacked(sb.find(seg(6)))).isFalse();
    }

    @Test void blocksOutsideTheWindow_andDsack_markNothing_rfc2883_4() {
        assertThat(sb.onAck(seg(2), List.of(block(0, 1)), listener)).isEqualTo(2 * MSS);   // D-SACK below the ACK
        assertThat(sb.lastAckHadDsack()).isTrue();
        assertThat(sb.onAck(seg(2), List.of(new SackBlock(seg(9), seg(12))), listener)).isZero();  // beyond SND.MAX
        assertThat(sb.lastAckHadDsack()).isFalse();
        // D-SACK inside the second block: a duplicate of SACKed data
        sb.onAck(seg(2), List.of(block(4, 6)), listener);
        assertThat(sb.onAck(seg(2), List.of(block(4, 5), block(4, 6)), listener)).isZero();
        assertThat(sb.lastAckHadDsack()).isTrue();
    }

    @Test void isLost_dupThreshSegmentsSackedAbove_rfc6675_4() {
        sb.onAck(seg(0), List.of(block(1, 3)), listener);
        assertThat(sb.isLost(seg(0), MSS)).isFalse();             // 2 segments SACKed above: not yet
        sb.onAck(seg(0), List.of(block(1, 4)), listener);
        assertThat(sb.isLost(seg(0), MSS)).isTrue();              // more than (DupThresh - 1) * SMSS bytes
        assertThat(sb.isLost(seg(4), MSS)).isFalse();             // nothing SACKed above segment 4
    }

    @Test void isLost_threeSmallSegmentsSacked() {
        SackScoreboard small = new SackScoreboard();
        for (int i = 0; i < 10; i++) small.onSend(1000 + i * 100, 100, i);
        // three 100-byte segments SACKed: 300 bytes (not > 2 SMSS), but DupThresh segments
        small.onAck(1000, List.of(new SackBlock(1100, 1200), new SackBlock(1300, 1400), new SackBlock(1500, 1600)), listener);
        assertThat(small.isLost(1000, MSS)).isTrue();
        assertThat(small.isLost(1200, MSS)).isFalse();              // only two SACKed above 1200
        assertThat(small.isLost(1150, MSS)).isFalse();
    }

    @Test void nextLost_retransmit_pipe_followLinuxCounters() {
        sb.onAck(seg(0), List.of(block(1, 4)), listener);
        assertThat(sb.nextLost()).isEqualTo(SackScoreboard.NONE);
        sb.markLost(sb.find(seg(0)));
        assertThat(sb.pipe()).isEqualTo(6 * MSS);                 // 10 out - 3 SACKed - 1 lost
        long p = sb.nextLost();
        assertThat(sb.startSeq(p)).isEqualTo(seg(0));
        sb.onRetransmit(p, SimTime.millis(20));
        assertThat(sb.pipe()).isEqualTo(7 * MSS);                 // + the retransmission in flight
        assertThat(sb.nextLost()).isEqualTo(SackScoreboard.NONE);
        sb.markLost(p);                                           // the retransmission is lost as well
        assertThat(sb.pipe()).isEqualTo(6 * MSS);
        assertThat(sb.nextLost()).isEqualTo(p);
        sb.onRetransmit(p, SimTime.millis(40));
        assertThat(sb.onAck(seg(4), List.of(), listener)).isEqualTo(MSS);   // only segment 0 is new
        assertThat(sb.pipe()).isEqualTo(6 * MSS);
        assertThat(sb.retransBytes()).isZero();
        assertThat(sb.lostBytes()).isZero();
    }

    @Test void transmissionOrder_retransmittedSegmentMovesToTheEnd_rfc8985_6_2() {
        sb.markLost(sb.find(seg(0)));
        sb.onRetransmit(sb.find(seg(0)), SimTime.millis(50));
        List<Integer> order = new ArrayList<>();
        for (long p = sb.oldestSent(); p != SackScoreboard.NONE; p = sb.nextSent(p)) order.add(sb.startSeq(p));
        assertThat(order).containsExactly(seg(1), seg(2), seg(3), seg(4), seg(5), seg(6), seg(7), seg(8), seg(9), seg(0));
        sb.onAck(seg(0), List.of(block(2, 4)), listener);          // SACKed segments leave the list
        order.clear();
        for (long p = sb.oldestSent(); p != SackScoreboard.NONE; p = sb.nextSent(p)) order.add(sb.startSeq(p));
        assertThat(order).containsExactly(seg(1), seg(4), seg(5), seg(6), seg(7), seg(8), seg(9), seg(0));
    }

    @Test void rto_marksEveryUnsackedSegmentLost_butKeepsSacks() {
        sb.onAck(seg(0), List.of(block(5, 7)), listener);
        sb.markAllLost();
        assertThat(sb.lostBytes()).isEqualTo(8 * MSS);
        assertThat(sb.pipe()).isZero();
        assertThat(sb.sackedBytes()).isEqualTo(2 * MSS);
    }

    @Test void rto_withSackedHead_isReneging_forgetsSacks_rfc2018_8() {
        sb.onAck(seg(0), List.of(block(0, 2)), listener);           // block starting at SND.UNA: a valid SACK
        assertThat(sb.isSacked(sb.find(seg(0)))).isTrue();
        sb.markAllLost();
        assertThat(sb.sackedBytes()).isZero();
        assertThat(sb.lostBytes()).isEqualTo(10 * MSS);
        assertThat(sb.startSeq(sb.nextLost())).isEqualTo(seg(0));
    }

    @Test void reordering_neverRetransmittedSegmentDeliveredBelowSackedOne() {
        sb.onAck(seg(0), List.of(block(2, 4)), listener);
        assertThat(sb.reorderingSeen()).isFalse();
        sb.onAck(seg(0), List.of(block(1, 4)), listener);          // segment 1 arrives late, nothing resent
        assertThat(sb.reorderingSeen()).isTrue();
    }

    @Test void growsBeyondInitialCapacity_andWrapsSequenceSpace() {
        SackScoreboard big = new SackScoreboard();
        int start = Integer.MAX_VALUE - 50 * MSS;                  // crosses 2^31 on the way
        for (int i = 0; i < 500; i++) big.onSend(start + i * MSS, MSS, i);
        assertThat(big.onAck(start + 100 * MSS, List.of(new SackBlock(start + 200 * MSS, start + 300 * MSS)), listener))
                .isEqualTo(200L * MSS);
        assertThat(big.pipe()).isEqualTo(300L * MSS);
        assertThat(big.find(start + 250 * MSS + 10)).isNotEqualTo(SackScoreboard.NONE);
        assertThat(big.sndMax()).isEqualTo(start + 500 * MSS);
    }
}
