package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpOption;
import io.wirelab.wire.tcp.TcpOption.SackBlock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wirelab.sim.SimTime.MS;
import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicates and spurious retransmissions with crafted segments: the receiver reports a duplicate in a
 * D-SACK block (RFC 2883), and the sender undoes a window reduction that D-SACK (RFC 2883 §5), timestamps
 * (Eifel, RFC 3522) or F-RTO (RFC 5682) shows was needless, as Linux's tcp_try_undo_*. Handshake RTT 10 ms.
 */
class TcpSpuriousRecoveryTest {
    static final int MSS = 1460;
    final TcpHarness t = TcpConnectionTest.establishedWithRtt(TcpOptions.defaults(), 65535);
    final int base = t.iss + 1;

    int seg(int i) { return base + i * MSS; }

    void peerAcks(int ack, SackBlock... blocks) {
        if (blocks.length == 0) t.fromPeer(t.ackOf(ack));
        else t.fromPeer(t.ackOf(ack).options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Sack(List.of(blocks))));
    }

    void sendSegments(int queued, int expectedOut) {
        t.write(queued * MSS);
        for (int i = 0; i < expectedOut; i++) assertThat(t.sent().seq()).isEqualTo(seg(i));
        t.expectNothingSent();
    }

    // ------------------------------------------------------------ receiver: D-SACK generation (RFC 2883)

    @Test void duplicateBelowRcvNxt_isReportedInTheFirstSackBlock_rfc2883_4_1() {
        int data = PEER_ISS + 1;
        t.fromPeer(t.seg(TcpFlags.ACK | TcpFlags.PSH).seq(data).ack(base).payload(100));
        t.advance(500 * MS);
        while (!t.out.isEmpty()) t.sent();
        t.fromPeer(t.seg(TcpFlags.ACK | TcpFlags.PSH).seq(data).ack(base).payload(100));   // the same segment again
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(data + 100);
        assertThat(ack.h().sackBlocks()).containsExactly(new SackBlock(data, data + 100));
        assertThat(t.counter(TcpCounters.Event.TX_DSACK)).isEqualTo(1);
        t.fromPeer(t.seg(TcpFlags.ACK | TcpFlags.PSH).seq(data + 100).ack(base).payload(100));
        t.advance(500 * MS);
        assertThat(t.sent().h().sackBlocks()).as("reported once").isEmpty();
    }

    @Test void duplicateOfHeldOutOfOrderData_dsackThenItsSackBlock_rfc2883_4_2() {
        int hole = PEER_ISS + 1;
        t.fromPeer(t.seg(TcpFlags.ACK).seq(hole + 500).ack(base).payload(300));
        assertThat(t.sent().h().sackBlocks()).containsExactly(new SackBlock(hole + 500, hole + 800));
        t.fromPeer(t.seg(TcpFlags.ACK).seq(hole + 500).ack(base).payload(300));
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(hole);
        assertThat(ack.h().sackBlocks()).containsExactly(new SackBlock(hole + 500, hole + 800), new SackBlock(hole + 500, hole + 800));
    }

    // ------------------------------------------------------------ sender: undo (RFC 2883 §5, Linux tcp_try_undo_dsack)

    @Test void fastRetransmitReportedDuplicateByDsack_cwndAndSsthreshComeBack() {
        sendSegments(10, 10);
        t.advance(10 * MS);
        peerAcks(seg(0), new SackBlock(seg(1), seg(4)));        // segment 0 only reordered, RACK deems it lost
        assertThat(t.sent().seq()).isEqualTo(seg(0));
        assertThat(t.socket.info().ssthresh()).isEqualTo(7 * MSS);
        peerAcks(seg(4));                                        // the original 0 arrives
        peerAcks(seg(4), new SackBlock(seg(0), seg(1)));         // and then the retransmission: D-SACK
        assertThat(t.counter(TcpCounters.Event.RX_DSACK)).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.CWND_UNDO)).isEqualTo(1);
        assertThat(t.socket.info().cwnd()).isEqualTo(10 * MSS);
        assertThat(t.socket.info().ssthresh()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test void dsackAfterRecoveryEnded_stillUndoes_linuxOpenState() {
        sendSegments(10, 10);
        t.advance(10 * MS);
        peerAcks(seg(0), new SackBlock(seg(1), seg(4)));
        assertThat(t.sent().seq()).isEqualTo(seg(0));
        peerAcks(seg(10));                                       // recovery ends: cwnd = ssthresh (+ growth)
        assertThat(t.socket.info().cwnd()).isLessThan(10 * MSS);
        peerAcks(seg(10), new SackBlock(seg(0), seg(1)));
        assertThat(t.socket.info().cwnd()).isEqualTo(10 * MSS);
    }

    @Test void realLoss_noDsack_noUndo() {
        sendSegments(10, 10);
        t.advance(10 * MS);
        peerAcks(seg(0), new SackBlock(seg(1), seg(4)));
        t.sent();
        peerAcks(seg(10));
        t.advance(10 * MS);
        assertThat(t.socket.info().cwnd()).isLessThan(10 * MSS);
        assertThat(t.socket.info().ssthresh()).isEqualTo(7 * MSS);
        assertThat(t.counter(TcpCounters.Event.CWND_UNDO)).isZero();
    }

    // ------------------------------------------------------------ F-RTO (RFC 5682 §3.1 / §4, Linux tcp_process_loss)

    @Test void spuriousTimeout_frtoSendsNewDataThenUndoes_noGoBackN_rfc5682() {
        sendSegments(20, 10);
        assertThat(t.nextSent(1_000 * MS).seq()).as("loss probe, new data").isEqualTo(seg(10));
        var rto = t.nextSent(1_000 * MS);                       // ACKs are late, not lost
        assertThat(rto.seq()).isEqualTo(seg(0));
        assertThat(t.counter(TcpCounters.Event.TIMEOUTS)).isEqualTo(1);
        peerAcks(seg(1));                                        // step 2b: SND.UNA advanced
        assertThat(t.sent().seq()).as("new data, not segment 1 again").isEqualTo(seg(11));
        assertThat(t.sent().seq()).isEqualTo(seg(12));
        t.expectNothingSent();
        peerAcks(seg(3));                                        // step 3b: never-retransmitted 1 and 2 delivered
        assertThat(t.counter(TcpCounters.Event.SPURIOUS_RTO)).isEqualTo(1);
        assertThat(t.socket.info().cwnd()).isGreaterThanOrEqualTo(10 * MSS);
        while (!t.out.isEmpty()) assertThat(t.sent().seq()).as("no go-back-N").isGreaterThanOrEqualTo(seg(13));
        assertThat(t.socket.info().retransmits()).isEqualTo(1);
    }

    @Test void realTimeoutLoss_frtoSeesSack_recoversConventionally_rfc5682_3_1_step3a() {
        sendSegments(20, 10);
        assertThat(t.nextSent(1_000 * MS).seq()).isEqualTo(seg(10));   // loss probe
        assertThat(t.nextSent(1_000 * MS).seq()).isEqualTo(seg(0));    // RTO
        peerAcks(seg(1));
        assertThat(t.sent().seq()).isEqualTo(seg(11));
        assertThat(t.sent().seq()).isEqualTo(seg(12));
        peerAcks(seg(1), new SackBlock(seg(11), seg(12)));      // the new data arrives, 1..10 were really lost
        assertThat(t.sent().seq()).as("conventional recovery resends what was lost").isEqualTo(seg(1));
        assertThat(t.counter(TcpCounters.Event.SPURIOUS_RTO)).isZero();
        assertThat(t.counter(TcpCounters.Event.CWND_UNDO)).isZero();
    }

    // ------------------------------------------------------------ Eifel (RFC 3522, Linux tcp_packet_delayed)

    /** A connection with timestamps that sent ten segments, then a SACK of segments 2-4 without the first: fast retransmit. */
    private record FastRetransmit(TcpHarness ts, int b, int mss, int originalTsval) {}

    private static FastRetransmit fastRetransmitWithTimestamps() {
        TcpHarness ts = TcpHarness.inSynSent(TcpOptions.defaults().withTimestamps(true));
        ts.advance(10 * MS);
        ts.fromPeer(ts.seg(TcpFlags.SYN | TcpFlags.ACK).seq(PEER_ISS).ack(ts.iss + 1).window(65535)
                .options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Timestamps(500, 0),
                        new TcpOption.Nop(), new TcpOption.WindowScale(0)));
        ts.sent();
        ts.socket = ts.connecting.join();
        int mss = 1448, b = ts.iss + 1;
        ts.write(10 * mss);
        int originalTsval = ts.sent().h().timestamps().value();
        for (int i = 1; i < 10; i++) ts.sent();
        ts.advance(10 * MS);
        ts.fromPeer(ts.ackOf(b).options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(501, originalTsval),
                new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Sack(List.of(new SackBlock(b + mss, b + 4 * mss)))));
        return new FastRetransmit(ts, b, mss, originalTsval);
    }

    @Test void ackEchoingTheOriginalsTimestamp_undoesTheFastRetransmit_rfc3522() {
        FastRetransmit f = fastRetransmitWithTimestamps();
        TcpHarness ts = f.ts();
        assertThat(ts.sent().seq()).isEqualTo(f.b());            // fast retransmit, TSval later than the original's
        assertThat(ts.socket.info().cwnd()).isLessThan(10 * f.mss());
        ts.fromPeer(ts.ackOf(f.b() + 10 * f.mss()).options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(502, f.originalTsval())));
        assertThat(ts.counter(TcpCounters.Event.CWND_UNDO)).isEqualTo(1);
        assertThat(ts.socket.info().cwnd()).isGreaterThanOrEqualTo(10 * f.mss());
        assertThat(ts.socket.info().ssthresh()).isEqualTo(Integer.MAX_VALUE);
    }

    /** RFC 3522 §2: an ACK echoing the retransmission's own TSval (our clock plus our offset) is no sign of a spurious one. */
    @Test void ackEchoingTheRetransmissionsTimestamp_keepsTheReduction_rfc3522() {
        FastRetransmit f = fastRetransmitWithTimestamps();
        TcpHarness ts = f.ts();
        int retransmissionTsval = ts.sent().h().timestamps().value();
        ts.fromPeer(ts.ackOf(f.b() + 10 * f.mss()).options(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(502, retransmissionTsval)));
        assertThat(ts.counter(TcpCounters.Event.CWND_UNDO)).isZero();
        assertThat(ts.socket.info().cwnd()).isLessThan(10 * f.mss());
    }
}
