package io.wirelab.stack.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reno and NewReno differ only in when fast recovery ends (RFC 5681 §3.2 step 6 vs RFC 6582 §3.2 step 3). */
class RenoTest {
    static final int MSS = 1000;

    static CongestionControl inRecovery(CongestionControl cc) {
        cc.init(MSS, 10);
        for (int d = 1; d <= 3; d++) cc.onDuplicateAck(d, 0, 10 * MSS, 10 * MSS);   // recover = 10000
        assertThat(cc.inRecovery()).isTrue();
        assertThat(cc.ssthresh()).isEqualTo(5 * MSS);
        return cc;
    }

    @Test void reno_partialAckEndsRecovery_cwndIsSsthresh_rfc5681_3_2_step6() {
        CongestionControl reno = inRecovery(new Reno());
        assertThat(reno.onNewAck(2 * MSS, 2 * MSS, 10 * MSS, true, 0)).isEqualTo(CongestionControl.Action.NONE);
        assertThat(reno.inRecovery()).isFalse();
        assertThat(reno.cwnd()).isEqualTo(5 * MSS);
    }

    @Test void newReno_partialAckRetransmitsAndStays_rfc6582_3_2() {
        CongestionControl newReno = inRecovery(new NewReno());
        assertThat(newReno.onNewAck(2 * MSS, 2 * MSS, 10 * MSS, true, 0)).isEqualTo(CongestionControl.Action.RETRANSMIT_FIRST_UNACKED);
        assertThat(newReno.inRecovery()).isTrue();
    }

    @Test void reduceSsthresh_halvesFlight_forSackRecovery_rfc6675_5() {
        CongestionControl cc = new NewReno();
        cc.init(MSS, 10);
        assertThat(cc.reduceSsthresh(8 * MSS)).isEqualTo(4 * MSS);
        assertThat(cc.cwnd()).isEqualTo(10 * MSS);                 // cwnd is left to PRR
        assertThat(cc.reduceSsthresh(MSS)).isEqualTo(2 * MSS);
    }

    @Test void newReno_afterTimeout_dupAcksMustCoverMoreThanRecover_rfc6582_3_2_steps2and4() {
        CongestionControl cc = new NewReno();
        cc.init(MSS, 10);
        cc.onRetransmitTimeout(10 * MSS, 10 * MSS);                     // recover = SND.MAX = 10000
        for (int d = 1; d <= 3; d++)
            assertThat(cc.onDuplicateAck(d, 10 * MSS, 12 * MSS, 2 * MSS)).as("ACK of recover itself").isEqualTo(CongestionControl.Action.NONE);
        assertThat(cc.inRecovery()).isFalse();
        for (int d = 1; d <= 2; d++) cc.onDuplicateAck(d, 10 * MSS + 1, 12 * MSS, 2 * MSS);
        assertThat(cc.onDuplicateAck(3, 10 * MSS + 1, 12 * MSS, 2 * MSS)).isEqualTo(CongestionControl.Action.RETRANSMIT_FIRST_UNACKED);
        assertThat(cc.inRecovery()).isTrue();
    }
}
