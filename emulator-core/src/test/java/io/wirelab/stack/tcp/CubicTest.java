package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static io.wirelab.sim.SimTime.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CUBIC against the formulas of RFC 9438 (K, W_cubic(t), W_est) and Linux tcp_cubic.c's constants. */
class CubicTest {
    static final int MSS = 1000;
    static final double C = 0.4, BETA = 0.7;                       // RFC 9438 §5

    final Cubic cubic = new Cubic();
    long now = SimTime.seconds(10);
    int ack = 1;

    CubicTest() { cubic.init(MSS, 10); }

    /** A loss at cwnd = wMax segments, then cwnd at ssthresh as recovery ends. */
    void lossAt(long wMaxSegments) {
        cubic.restart(wMaxSegments * MSS, cubic.ssthresh());
        long ssthresh = cubic.reduceSsthresh(wMaxSegments * MSS);
        cubic.restart(ssthresh, ssthresh);
    }

    /** One round trip of ACKs, each for two segments, evenly spread; the window is always in use. */
    void roundTrip(long rtt) {
        long segments = cubic.cwnd() / MSS;
        long acks = Math.max(1, segments / 2);
        for (long i = 0; i < acks; i++) {
            now += rtt / acks;
            ack += 2 * MSS;
            cubic.onNewAck(ack, 2 * MSS, cubic.cwnd(), true, now);
        }
    }

    @Test void k_rfc9438_eq2() {
        // W_max 100 segments: cwnd falls to 70; K = ∛(W_max·(1 − beta)/C) = ∛(75) ≈ 4.217 s
        double rfcK = Math.cbrt(100 * (1 - BETA) / C);
        double k = Cubic.kOf(100 - 70) / 1024.0;
        assertThat(k).isCloseTo(rfcK, within(0.01));
        assertThat(Cubic.kOf(0)).isZero();
    }

    @Test void wCubic_rfc9438_eq1_atSeveralTimes() {
        long k = Cubic.kOf(30);
        double kSeconds = k / 1024.0;
        for (double t : new double[]{0, 1, 2.5, kSeconds, 5, 8, 12}) {
            double rfc = C * Math.pow(t - kSeconds, 3) + 100;
            long linux = Cubic.wCubic(Math.round(t * 1024), k, 100);
            assertThat((double) linux).as("W_cubic(%s s)", t).isCloseTo(rfc, within(1.0));
        }
        assertThat(Cubic.wCubic(0, k, 100)).isBetween(69L, 71L);    // the curve starts at beta·W_max
        assertThat(Cubic.wCubic(k, k, 100)).isEqualTo(100);           // and plateaus at W_max at t = K
    }

    @Test void ssthresh_isBetaTimesCwnd_andFastConvergenceLowersWmax_rfc9438_4_6_4_7() {
        lossAt(100);
        assertThat(cubic.ssthresh()).isEqualTo(70 * MSS);             // 100 × 717/1024 = 70
        assertThat(cubic.wMaxSegments()).isEqualTo(100);
        lossAt(90);                                                   // below the last W_max: fast convergence
        assertThat(cubic.ssthresh()).isEqualTo(63 * MSS);
        assertThat(cubic.wMaxSegments()).isEqualTo(90 * (1024 + 717) / 2048);   // ≈ 0.85 × cwnd
        lossAt(2);
        assertThat(cubic.ssthresh()).isEqualTo(2 * MSS);              // never below two segments
    }

    @Test void concaveRegion_reachesWmaxAroundK_thenConvex_rfc9438_4_2() {
        lossAt(100);
        long rtt = millis(100);                                       // W_est stays below the curve here
        double kSeconds = Cubic.kOf(30) / 1024.0;
        long start = now;
        while (now - start < SimTime.seconds(kSeconds) - rtt) roundTrip(rtt);
        assertThat(cubic.cwnd() / MSS).isBetween(97L, 101L);          // W_cubic(K) = W_max
        long atK = cubic.cwnd();
        for (int i = 0; i < 20; i++) roundTrip(rtt);                  // 2 s later: 0.4 × 2³ ≈ 3 more segments
        assertThat(cubic.cwnd()).isGreaterThan(atK);
        double rfc = C * Math.pow((now - start) / 1e9 + 0.1 - kSeconds, 3) + 100;
        assertThat((double) cubic.cwnd() / MSS).isCloseTo(rfc, within(3.0));
    }

    @Test void renoFriendlyRegion_followsWest_rfc9438_4_3_eq4() {
        lossAt(100);
        long rtt = millis(10);                                        // short RTT: Reno's line beats the curve
        for (int i = 0; i < 100; i++) roundTrip(rtt);
        // W_est = W_max·beta + 3(1 − beta)/(1 + beta) · t/RTT = 70 + 0.529 × 100
        double west = 100 * BETA + 3 * (1 - BETA) / (1 + BETA) * 100;
        assertThat((double) cubic.renoFriendlySegments()).isCloseTo(west, within(west * 0.03));
        assertThat((double) cubic.cwnd() / MSS).isCloseTo(west, within(west * 0.03));
        double curve = C * Math.pow(1.0 - Cubic.kOf(30) / 1024.0, 3) + 100;
        assertThat(curve).isLessThan(west - 20);                      // so the curve alone would be far lower
    }

    @Test void growthNeverExceedsHalfAWindowPerRtt() {
        lossAt(100);
        for (int i = 0; i < 100; i++) roundTrip(millis(100));        // 10 s: far into the convex region
        for (int i = 0; i < 5; i++) {
            long before = cubic.cwnd();
            roundTrip(millis(100));
            assertThat(cubic.cwnd()).isLessThanOrEqualTo(before * 3 / 2 + MSS);
        }
    }

    @Test void slowStart_growsByEveryAckedByte_withoutAbcCap() {
        cubic.onNewAck(ack += 10 * MSS, 10 * MSS, 10 * MSS, true, now);
        assertThat(cubic.cwnd()).isEqualTo(20 * MSS);                 // NewReno's RFC 3465 L = 2 would give 12
        cubic.onNewAck(ack += 10 * MSS, 10 * MSS, 20 * MSS, false, now);
        assertThat(cubic.cwnd()).isEqualTo(20 * MSS);                 // RFC 7661: not cwnd-limited, no growth
    }

    @Test void hystart_delayIncrease_endsSlowStart_linuxHystartUpdate() {
        cubic.restart(20 * MSS, Long.MAX_VALUE / 2);
        int una = 0, nxt = 20 * MSS;
        cubic.onRttSample(millis(10), una, nxt, now);                 // delay_min 10 ms
        una = nxt + 1; nxt += 40 * MSS;                               // a new round
        for (int i = 0; i < HyStart.MIN_SAMPLES; i++) {
            now += millis(3);
            cubic.onRttSample(millis(20), una, nxt, now);
        }
        assertThat(cubic.ssthresh()).isGreaterThan(cubic.cwnd());    // 8 samples first
        now += millis(3);
        cubic.onRttSample(millis(20), una, nxt, now);                 // 20 > 10 + clamp(10/8, 4, 16) ms
        assertThat(cubic.hystartFound()).isTrue();
        assertThat(cubic.ssthresh()).isEqualTo(cubic.cwnd());
    }

    @Test void hystart_ackTrain_endsSlowStart() {
        cubic.restart(20 * MSS, Long.MAX_VALUE / 2);
        cubic.onRttSample(millis(40), 0, 20 * MSS, now);              // round starts; delay_min 40 ms
        for (int i = 0; i < 10; i++) {                                // ACKs 2 ms apart for 20 ms: not yet > 20 ms
            now += millis(2);
            cubic.onRttSample(millis(40), MSS, 20 * MSS, now);
        }
        assertThat(cubic.hystartFound()).isFalse();
        now += millis(2);
        cubic.onRttSample(millis(40), MSS, 20 * MSS, now);            // the train spans 22 ms > delay_min / 2
        assertThat(cubic.hystartFound()).isTrue();
        assertThat(cubic.ssthresh()).isEqualTo(20 * MSS);
    }

    @Test void hystart_notBelowLowWindow() {
        cubic.restart(15 * MSS, Long.MAX_VALUE / 2);                  // hystart_low_window is 16
        cubic.onRttSample(millis(10), 0, 15 * MSS, now);
        for (int i = 0; i < 20; i++) { now += millis(1); cubic.onRttSample(millis(50), MSS, 15 * MSS, now); }
        assertThat(cubic.hystartFound()).isFalse();
    }

    @Test void cubeRoot_isExact() {
        assertThat(Cubic.cubeRoot(0)).isZero();
        assertThat(Cubic.cubeRoot(26)).isEqualTo(2);
        assertThat(Cubic.cubeRoot(27)).isEqualTo(3);
        assertThat(Cubic.cubeRoot(1L << 60)).isEqualTo(1L << 20);
    }
}
