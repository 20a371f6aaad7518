package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TcpAlgorithmsTest {
    @Test void rto_firstSampleAndSmoothing_rfc6298_2() {
        RtoEstimator r = new RtoEstimator(SimTime.seconds(1), SimTime.millis(200), SimTime.seconds(120));
        assertThat(r.rtoNanos()).isEqualTo(SimTime.seconds(1));
        r.sample(SimTime.millis(100));                       // SRTT 100, RTTVAR 50 -> 100 + 200 = 300
        assertThat(r.rtoNanos()).isEqualTo(SimTime.millis(300));
        r.sample(SimTime.millis(100));                       // RTTVAR 37.5: 4 x 37.5 < minRto, so 100 + 200 = 300
        assertThat(r.srttNanos()).isEqualTo(SimTime.millis(100));
        assertThat(r.rtoNanos()).isEqualTo(SimTime.millis(300));
        r.backoff();
        assertThat(r.rtoNanos()).isEqualTo(SimTime.millis(600));
        r.resetBackoff();
        assertThat(r.rtoNanos()).isEqualTo(SimTime.millis(300));
    }

    @Test void rto_minRtoDeviation_floorIs200ms_andMaxClamps() {
        RtoEstimator r = new RtoEstimator(SimTime.seconds(1), SimTime.millis(200), SimTime.seconds(2));
        r.sample(SimTime.millis(1));
        // DEVIATION(RFC 6298 (2.4)): RTO >= SRTT + minRto (Linux), so 1 ms + 200 ms, never below a delayed ACK
        assertThat(r.rtoNanos()).isEqualTo(SimTime.millis(201));
        for (int i = 0; i < 10; i++) r.backoff();
        assertThat(r.rtoNanos()).isEqualTo(SimTime.seconds(2));
    }

    @Test void newReno_slowStartThenLinearGrowth_rfc5681_3_1() {
        NewReno cc = new NewReno();
        cc.init(1000, 2);
        assertThat(cc.cwnd()).isEqualTo(2000);
        cc.onNewAck(0, 1000, 2000, true, 0);
        cc.onNewAck(0, 1000, 2000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(4000);               // +1 SMSS per ACKed SMSS in slow start
        cc.onNewAck(0, 2000, 2000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(6000);               // a delayed ACK of 2 segments adds 2 (RFC 3465 L=2)
        cc.onNewAck(0, 5000, 2000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(8000);               // but never more than 2 SMSS per ACK
        cc.onRetransmitTimeout(8000, 0);
        assertThat(cc.ssthresh()).isEqualTo(4000);
        assertThat(cc.cwnd()).isEqualTo(1000);
        for (int i = 0; i < 3; i++) cc.onNewAck(0, 1000, 1000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(4000);               // back to ssthresh exponentially
        for (int i = 0; i < 4; i++) cc.onNewAck(0, 1000, 4000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(5000);               // then one SMSS per cwnd of data
        for (int i = 0; i < 4; i++) cc.onNewAck(0, 1000, 4000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(5000);
        cc.onNewAck(0, 1000, 4000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(6000);
    }

    @Test void newReno_growsOnlyWhileCwndLimited_rfc7661() {
        NewReno cc = new NewReno();
        cc.init(1000, 10);
        for (int i = 0; i < 100; i++) cc.onNewAck(0, 1000, 2000, false, 0);
        assertThat(cc.cwnd()).isEqualTo(10_000);            // an application-limited flow leaves cwnd alone
        cc.onNewAck(0, 1000, 10_000, true, 0);
        assertThat(cc.cwnd()).isEqualTo(11_000);
    }

    @Test void newReno_windowsAreLong_pastTwoGigabytes() {
        NewReno cc = new NewReno();
        cc.init(65_000, 10);
        for (int i = 0; i < 40_000; i++) cc.onNewAck(0, 65_000, cc.cwnd(), true, 0);
        assertThat(cc.cwnd()).isGreaterThan(Integer.MAX_VALUE);   // a cwnd-limited flow past 2^31 bytes does not wrap
    }

    @Test void cwndValidation_slowStartCountsTwiceTheLargestFlight_linuxTcpIsCwndLimited() {
        CwndValidation v = new CwndValidation(0);
        v.onSent(0, 3000, 3000, false);                      // 3 segments out of a 10-segment cwnd
        assertThat(v.cwndLimited(10_000, Integer.MAX_VALUE)).isFalse();
        assertThat(v.cwndLimited(5_000, Integer.MAX_VALUE)).isTrue();    // slow start: cwnd < 2 x flight
        assertThat(v.cwndLimited(5_000, 4_000)).isFalse();               // congestion avoidance: no
        v.onSent(0, 10_000, 10_000, true);
        assertThat(v.cwndLimited(10_000, 4_000)).isTrue();
        v.onSent(10_000, 11_000, 1_000, false);              // a new window: the old one's use is forgotten
        assertThat(v.cwndLimited(10_000, 4_000)).isFalse();
    }

    @Test void sackBlocks_newestFirst_thenMostRecentlyReported_rfc2018_4() {
        ReassemblyQueue q = new ReassemblyQueue();
        byte[] d = new byte[100];
        q.insert(0, 1000, d, 0, 100);
        q.insert(0, 2000, d, 0, 100);
        q.insert(0, 3000, d, 0, 100);
        q.insert(0, 4000, d, 0, 100);
        assertThat(q.sackBlocks(3)).extracting(io.wirelab.wire.tcp.TcpOption.SackBlock::left).containsExactly(4000, 3000, 2000);
        q.insert(0, 1100, d, 0, 100);                            // grows the oldest block: it goes first
        assertThat(q.sackBlocks(4)).extracting(io.wirelab.wire.tcp.TcpOption.SackBlock::left).containsExactly(1000, 4000, 3000, 2000);
    }

    @Test void reassembly_keepsOnlyNewBytes_andDrainsInOrder() {
        ReassemblyQueue q = new ReassemblyQueue();
        byte[] d = "abcdefghij".getBytes();
        q.insert(100, 105, d, 5, 5);                         // fghij at 105
        assertThat(q.insert(100, 103, d, 3, 4)).isEqualTo(2);  // defg: only de is new
        assertThat(q.sackBlocks(4)).containsExactly(new io.wirelab.wire.tcp.TcpOption.SackBlock(103, 110));
        ByteRing ring = new ByteRing(64);
        assertThat(q.drainTo(100, ring)).isZero();
        ring.write(d, 0, 3);
        assertThat(q.drainTo(103, ring)).isEqualTo(7);
        byte[] out = new byte[10];
        ring.read(out, 0, 10);
        assertThat(new String(out)).isEqualTo("abcdefghij");
        assertThat(q.isEmpty()).isTrue();
    }

    @Test void byteRing_wrapsAround() {
        ByteRing r = new ByteRing(8);
        byte[] b = {1, 2, 3, 4, 5, 6};
        r.write(b, 0, 6);
        r.skip(4);
        assertThat(r.write(b, 0, 6)).isEqualTo(6);
        assertThat(r.write(b, 0, 6)).isZero();
        byte[] out = new byte[8];
        assertThat(r.read(out, 0, 8)).isEqualTo(8);
        assertThat(out).containsExactly(5, 6, 1, 2, 3, 4, 5, 6);
    }
}
