package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicate ACKs after a retransmission timeout (RFC 6582 §3.2 steps 2 and 4, §4): the go-back-N after the
 * timeout resends data the receiver already holds, and each such duplicate draws a duplicate ACK. Up to
 * and including an ACK of recover (SND.MAX when the timeout fired) they start no fast retransmit; only
 * duplicate ACKs that cover more than recover do. Profile textbook: NewReno without SACK or timestamps.
 */
class TcpNewRenoAfterTimeoutTest {
    static final int MSS = 1460;

    /** A textbook sender that had a window out, timed out, and saw the receiver acknowledge all of it at once. */
    static TcpHarness ackedUpToRecoverAfterTimeout(int[] recoverOut) {
        TcpHarness t = TcpHarness.established(TcpProfile.TEXTBOOK.options(), 65535);
        int base = t.iss + 1;
        t.write(40 * MSS);
        int sndMax = base;
        while (!t.out.isEmpty()) { TcpHarness.Sent s = t.sent(); sndMax = s.seq() + s.len(); }
        assertThat(sndMax).isGreaterThan(base + MSS);
        TcpHarness.Sent rto = t.nextSent(SimTime.seconds(5));
        assertThat(rto.seq()).as("go-back-N starts at SND.UNA").isEqualTo(base);
        t.fromPeer(t.ackOf(sndMax));                             // the receiver held everything but the first segment
        int next = sndMax;
        while (!t.out.isEmpty()) {
            TcpHarness.Sent s = t.sent();
            assertThat(s.seq()).as("nothing below the ACK is sent again (BSD snd_nxt = snd_una)").isEqualTo(next);
            next += s.len();
        }
        assertThat(next).as("new data left").isGreaterThan(sndMax);
        recoverOut[0] = sndMax;
        return t;
    }

    @Test void dupAcksOfExactlyRecover_afterTimeout_startNoFastRetransmit_rfc6582_3_2_step2() {
        int[] recover = new int[1];
        TcpHarness t = ackedUpToRecoverAfterTimeout(recover);
        long ssthresh = t.socket.info().ssthresh();
        for (int i = 0; i < 5; i++) t.fromPeer(t.ackOf(recover[0]));   // duplicates of the go-back-N arrive
        t.expectNothingSent();
        assertThat(t.counter(TcpCounters.Event.TX_FAST_RETRANSMIT)).isZero();
        assertThat(t.socket.info().ssthresh()).as("no second reduction").isEqualTo(ssthresh);
    }

    @Test void dupAcksAboveRecover_afterTimeout_startFastRetransmit_rfc6582_3_2_step2() {
        int[] recover = new int[1];
        TcpHarness t = ackedUpToRecoverAfterTimeout(recover);
        int above = recover[0] + MSS;
        t.fromPeer(t.ackOf(above));                              // new data beyond recover arrived
        while (!t.out.isEmpty()) t.sent();
        for (int i = 0; i < 3; i++) t.fromPeer(t.ackOf(above));
        TcpHarness.Sent fr = t.sent();
        assertThat(fr.seq()).isEqualTo(above);
        assertThat(t.counter(TcpCounters.Event.TX_FAST_RETRANSMIT)).isEqualTo(1);
    }
}
