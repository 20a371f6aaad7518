package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption.SackBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

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
        assertThat(q.sackBlocks(3)).extracting(SackBlock::left).containsExactly(4000, 3000, 2000);
        q.insert(0, 1100, d, 0, 100);                            // grows the oldest block: it goes first
        assertThat(q.sackBlocks(4)).extracting(SackBlock::left).containsExactly(1000, 4000, 3000, 2000);
    }

    @Test void reassembly_keepsOnlyNewBytes_andDrainsInOrder() {
        ReassemblyQueue q = new ReassemblyQueue();
        byte[] d = "abcdefghij".getBytes();
        q.insert(100, 105, d, 5, 5);                         // fghij at 105
        assertThat(q.insert(100, 103, d, 3, 4)).isEqualTo(2);  // defg: only de is new
        assertThat(q.sackBlocks(4)).containsExactly(new SackBlock(103, 110));
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

    @Test void byteRing_grownASegmentAtATime_keepsOrderAndGrowsItsArrayGeometrically() {
        ByteRing r = new ByteRing(8);
        byte[] b = {1, 2, 3, 4, 5, 6};
        r.write(b, 0, 6);
        r.skip(4);
        r.write(b, 0, 6);                                      // wrapped: 5 6 | 1 2 3 4 5 6
        r.grow(9);
        assertThat(r.arrayLength()).as("storage follows the bytes, not the capacity").isEqualTo(8);
        assertThat(r.write(b, 0, 1)).isEqualTo(1);
        assertThat(r.arrayLength()).as("one resize makes room for many").isGreaterThanOrEqualTo(12);
        int array = r.arrayLength();
        for (int c = 10; c <= 12; c++) r.grow(c);
        assertThat(r.capacity()).isEqualTo(12);
        assertThat(r.write(b, 1, 6)).isEqualTo(3);               // capacity, not the array, bounds what fits
        assertThat(r.arrayLength()).as("no new array while the last one has room").isEqualTo(array);
        byte[] out = new byte[12];
        assertThat(r.read(out, 0, 12)).isEqualTo(12);
        assertThat(out).containsExactly(5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4);
    }

    /**
     * Random inserts across the 2^32 wrap, checked against a byte-by-byte model: bytes kept, SACK blocks in
     * RFC 2018 §4 order (blocks of the latest arrivals newest first, then ascending), and a drain that the
     * receive buffer cuts short.
     */
    @Test void reassembly_matchesAByteModel_acrossTheSequenceWrap() {
        java.util.Random rnd = new java.util.Random(7);
        int rcvNxt = -5000;                                    // 2^32 - 5000: the held data wraps
        ReassemblyQueue q = new ReassemblyQueue();
        boolean[] held = new boolean[20_000];
        java.util.ArrayDeque<Integer> arrivals = new java.util.ArrayDeque<>();
        byte[] data = new byte[20_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        for (int round = 0; round < 400; round++) {
            int from = 1 + rnd.nextInt(19_000), len = 1 + rnd.nextInt(900);
            int fresh = 0;
            for (int k = from; k < from + len; k++) if (!held[k]) { held[k] = true; fresh++; }
            assertThat(q.insert(rcvNxt, rcvNxt + from, data, from, len)).isEqualTo(fresh);
            arrivals.remove(rcvNxt + from);
            arrivals.addFirst(rcvNxt + from);
            if (arrivals.size() > 8) arrivals.removeLast();
            assertThat(q.sackBlocks(4)).as("round %d", round).isEqualTo(modelBlocks(held, rcvNxt, arrivals, 4));
        }
        held[0] = true;                                        // the gap at rcvNxt fills: the run behind it drains
        int run = 0;
        while (held[run]) run++;
        ByteRing ring = new ByteRing(1 << 16);
        ring.write(data, 0, 1);
        assertThat(q.drainTo(rcvNxt + 1, ring)).isEqualTo(run - 1);
        byte[] out = new byte[run];
        ring.read(out, 0, run);
        assertThat(out).isEqualTo(java.util.Arrays.copyOf(data, run));
        java.util.Arrays.fill(held, 0, run, false);
        assertThat(q.sackBlocks(4)).isEqualTo(modelBlocks(held, rcvNxt, arrivals, 4));
    }

    @Test void reassembly_drainCutShortByAFullBuffer_dropsTheRestOfThatPieceOnly() {
        ReassemblyQueue q = new ReassemblyQueue();
        byte[] d = new byte[40];
        q.insert(0, 10, d, 0, 10);                             // [10,20)
        q.insert(0, 20, d, 0, 10);                             // [20,30), contiguous: one block [10,30)
        q.insert(0, 35, d, 0, 5);                              // [35,40)
        assertThat(q.sackBlocks(4)).containsExactly(new SackBlock(35, 40),
                new SackBlock(10, 30));
        ByteRing ring = new ByteRing(15);
        ring.write(d, 0, 10);                                  // [0,10) in order; room for 5 more
        assertThat(q.drainTo(10, ring)).isEqualTo(5);          // [10,15) fits, [15,20) is dropped
        assertThat(q.sackBlocks(4)).containsExactly(new SackBlock(35, 40),
                new SackBlock(20, 30));
        assertThat(q.bytes()).isEqualTo(15);
    }

    private static List<SackBlock> modelBlocks(boolean[] held, int base,
            java.util.Deque<Integer> arrivals, int max) {
        List<SackBlock> ascending = new java.util.ArrayList<>();
        for (int k = 0; k < held.length; k++) {
            if (!held[k]) continue;
            int end = k;
            while (end < held.length && held[end]) end++;
            ascending.add(new SackBlock(base + k, base + end));
            k = end;
        }
        List<SackBlock> out = new java.util.ArrayList<>();
        for (int seq : arrivals)
            for (var b : ascending)
                if (io.wirelab.wire.tcp.Seq.inRange(seq, b.left(), b.right()) && !out.contains(b)) out.add(b);
        for (var b : ascending) if (!out.contains(b)) out.add(b);
        return out.size() > max ? out.subList(0, max) : out;
    }
}
