package io.wirelab.stack.tcp;

import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.PSH;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpConnectionTest {
    static final long MS = SimTime.MS;
    /** The RFC receiver (fixed delayed-ACK timer); Linux's adaptive delayed ACK is tested in TcpDelayedAckTest. */
    static final TcpOptions DEF = TcpOptions.defaults().withDelayedAckMode(DelayedAckMode.FIXED);

    /** Established with a 10 ms handshake RTT, so RTO = max(200 ms floor, 10 + 4*5 ms) = 200 ms. */
    static TcpHarness establishedWithRtt(TcpOptions o, int peerWindow) {
        TcpHarness t = TcpHarness.inSynSent(o);
        t.advance(10 * MS);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(peerWindow)
                .options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.WindowScale(0)));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        t.socket = t.connecting.join();
        return t;
    }

    // ------------------------------------------------------------ opening

    @Test void connect_sendsSynWithMssSackAndWindowScale_rfc9293_3_7_1() {
        TcpHarness t = new TcpHarness();
        t.mtu = 1400;
        t.tcp.connect(TcpHarness.PEER, 80, DEF);
        var syn = t.sent();
        assertThat(syn.flags()).isEqualTo(SYN);
        assertThat(syn.h().mss()).isEqualTo(1360);                 // MTU - 40
        assertThat(syn.h().sackPermitted()).isTrue();
        assertThat(syn.h().windowScale()).isEqualTo(7);            // profile linux: autotuning's 6 MiB >> 7 fits 16 bits
        assertThat(syn.h().timestamps()).isNotNull();              // profile linux: on (tcp_timestamps 1)
        assertThat(syn.h().window()).isEqualTo(65535 - 65535 % 1360);   // whole segments (tcp_select_initial_window)
        assertThat(syn.h().sourcePort()).isBetween(32768, 60999);
    }

    @Test void synSent_receivesSynAck_sendsAckAndEstablishes_rfc9293_3_10_7_3() {
        TcpHarness t = TcpHarness.established(DEF);
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(t.socket.info().rcvNxt()).isEqualTo(PEER_ISS + 1);
        assertThat(t.socket.info().mss()).isEqualTo(1460);
        assertThat(t.socket.trace().states()).extracting(TcpTrace.StateChanged::to)
                .containsExactly(TcpState.SYN_SENT, TcpState.ESTABLISHED);
        t.expectNothingSent();
    }

    @Test void synSent_noAnswer_retransmitsSynWithBackoffThenTimesOut_rfc6298_5_5() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var syn = t.nextSent(SimTime.seconds(200));
            assertThat(syn.flags()).isEqualTo(SYN);
            assertThat(syn.seq()).isEqualTo(t.iss);
            times.add(syn.atNanos() / SimTime.SECOND);
        }
        assertThat(times).containsExactly(1L, 3L, 7L, 15L, 31L, 63L);
        t.sim.runUntil(t.connecting, SimTime.seconds(200));
        assertThat(t.sim.now()).isEqualTo(SimTime.seconds(127));
        assertThatThrownBy(t.connecting::join).hasCauseInstanceOf(TcpException.class)
                .cause().extracting(e -> ((TcpException) e).reason()).isEqualTo(TcpException.Reason.TIMED_OUT);
        assertThat(t.tcp.sockets()).isEmpty();
    }

    @Test void synSent_rstAck_connectRefused_rfc9293_3_10_7_3() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.fromPeer(t.seg(RST | ACK).seq(0).ack(t.iss + 1).window(0));
        assertThat(t.connecting).isCompletedExceptionally();
        assertThatThrownBy(t.connecting::join).isInstanceOf(CompletionException.class)
                .cause().extracting(e -> ((TcpException) e).reason()).isEqualTo(TcpException.Reason.REFUSED);
        t.expectNothingSent();
    }

    @Test void synSent_synAckWithBadAck_sendsRst_rfc9293_3_10_7_3() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 7));
        var rst = t.sent();
        assertThat(rst.flags()).isEqualTo(RST);
        assertThat(rst.seq()).isEqualTo(t.iss + 7);
        assertThat(t.connecting).isNotDone();
    }

    @Test void closedPort_syn_getsRstAck_ackSegment_getsRstWithSeqOfAck_rfc9293_3_10_7_1() {
        TcpHarness t = new TcpHarness();
        t.localPort = 9;
        t.fromPeer(t.seg(SYN).seq(PEER_ISS));
        var rst = t.sent();
        assertThat(rst.flags()).isEqualTo(RST | ACK);
        assertThat(rst.seq()).isZero();
        assertThat(rst.ack()).isEqualTo(PEER_ISS + 1);
        t.fromPeer(t.seg(ACK).seq(PEER_ISS).ack(777).payload(5));
        var rst2 = t.sent();
        assertThat(rst2.flags()).isEqualTo(RST);
        assertThat(rst2.seq()).isEqualTo(777);
        t.fromPeer(t.seg(RST).seq(1));
        t.expectNothingSent();                                      // never answer a RST
        assertThat(t.drops(TcpDrop.NO_SOCKET)).isEqualTo(3);
    }

    @Test void listen_synThenAck_acceptsEstablishedSocket_rfc9293_3_10_7_2() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        assertThat(t.accepted).isEmpty();
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN, TcpState.SYN_RECEIVED);
        t.fromPeer(t.ackOf(t.iss + 1));
        assertThat(t.accepted).hasSize(1);
        assertThat(t.accepted.getFirst().state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(t.accepted.getFirst().remotePort()).isEqualTo(80);
        t.expectNothingSent();
    }

    @Test void synReceived_lostSynAck_isRetransmittedAtRto() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        var again = t.nextSent(SimTime.seconds(5));
        assertThat(again.flags()).isEqualTo(SYN | ACK);
        assertThat(again.atNanos()).isEqualTo(SimTime.seconds(1));
    }

    @Test void synReceived_duplicateSyn_getsTheSynAckAgain_atMostOncePer500ms() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        t.fromPeer(t.seg(SYN).seq(PEER_ISS));
        var again = t.sent();
        assertThat(again.flags()).isEqualTo(SYN | ACK);
        assertThat(again.seq()).isEqualTo(t.iss);
        assertThat(again.ack()).isEqualTo(PEER_ISS + 1);
        t.advance(SimTime.millis(100));
        t.fromPeer(t.seg(SYN).seq(PEER_ISS));
        t.expectNothingSent();                                      // Linux: one per 500 ms
        t.advance(SimTime.millis(450));
        t.fromPeer(t.seg(SYN).seq(PEER_ISS));
        assertThat(t.sent().flags()).isEqualTo(SYN | ACK);
        t.fromPeer(t.ackOf(t.iss + 1));
        assertThat(t.accepted).hasSize(1);
    }

    @Test void listen_backlogFull_dropsSyn() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 1);
        t.fromPeer(t.seg(SYN).ports(81, 80).seq(9000));
        t.expectNothingSent();
        assertThat(t.drops(TcpDrop.LISTEN_OVERFLOW)).isEqualTo(1);
        t.fromPeer(t.ackOf(t.iss + 1));                             // the first completes: room again
        t.fromPeer(t.seg(SYN).ports(81, 80).seq(9000));
        assertThat(t.sent().flags()).isEqualTo(SYN | ACK);
    }

    @Test void simultaneousOpen_synThenSynAck_establishes_rfc9293_3_5() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.fromPeer(t.seg(SYN).seq(PEER_ISS).options(new TcpOption.Mss(1460)));
        var synAck = t.sent();
        assertThat(synAck.flags()).isEqualTo(SYN | ACK);
        assertThat(synAck.seq()).isEqualTo(t.iss);
        assertThat(synAck.ack()).isEqualTo(PEER_ISS + 1);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1));
        assertThat(t.connecting).isCompleted();
        assertThat(t.connecting.join().state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(t.sent().flags()).isEqualTo(ACK);
    }

    // ------------------------------------------------------------ RFC 5961

    @Test void established_inWindowRstNotExact_sendsChallengeAck_rfc5961_3_2() {
        TcpHarness t = TcpHarness.established(DEF);
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 100));
        var ch = t.sent();
        assertThat(ch.flags()).isEqualTo(ACK);
        assertThat(ch.ack()).isEqualTo(t.peerNxt);
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 1_000_000));          // outside the window: silently dropped
        t.expectNothingSent();
        List<TcpCloseReason> closed = new ArrayList<>();
        t.socket.onClosed(closed::add);
        t.fromPeer(t.seg(RST).seq(t.peerNxt));                      // exact: reset
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        assertThat(closed).containsExactly(TcpCloseReason.RESET_BY_PEER);
        assertThat(t.counter(TcpCounters.Event.TX_CHALLENGE_ACK)).isEqualTo(1);
    }

    @Test void established_syn_sendsChallengeAck_rfc5961_4() {
        TcpHarness t = TcpHarness.established(DEF);
        t.fromPeer(t.seg(SYN).seq(t.peerNxt + 10));
        var ch = t.sent();
        assertThat(ch.flags()).isEqualTo(ACK);
        assertThat(ch.ack()).isEqualTo(t.peerNxt);
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test void established_ackOfUnsentData_isAnsweredWithAckAndDropped_rfc5961_5_2() {
        TcpHarness t = TcpHarness.established(DEF);
        t.fromPeer(t.ackOf(t.iss + 5000));
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt);
        assertThat(t.drops(TcpDrop.UNACCEPTABLE_ACK)).isEqualTo(1);
    }

    @Test void badChecksum_isDroppedAndCounted() {
        TcpHarness t = TcpHarness.established(DEF);
        var h = new io.wirelab.wire.tcp.TcpHeader(80, t.localPort, t.peerNxt, t.iss + 1, ACK | PSH, 65535, 0, List.of());
        byte[] b = new byte[h.length() + 4];
        h.emit(b, 0, TcpHarness.PEER, TcpHarness.LOCAL, new byte[]{1, 2, 3, 4}, 0, 4);
        b[b.length - 1] ^= 0x40;
        t.tcp.receive(TcpHarness.PEER, TcpHarness.LOCAL, b, 0, b.length, t.sim.now());
        assertThat(t.drops(TcpDrop.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(t.socket.readableBytes()).isZero();
    }

    // ------------------------------------------------------------ retransmission

    @Test void established_unackedData_retransmitsAtRto_backsOff_andKarnSkipsSample_rfc6298() {
        TcpHarness t = establishedWithRtt(DEF.withSack(false), 65535);     // with SACK a loss probe comes first
        // DEVIATION(RFC 6298 (2.4)): RTO = SRTT + max(4 RTTVAR, minRto) as in Linux: 10 ms + 200 ms
        long rto = 210 * MS;
        assertThat(t.socket.info().rtoNanos()).isEqualTo(rto);
        assertThat(t.socket.info().srttNanos()).isEqualTo(10 * MS);
        long t0 = t.sim.now();
        t.write(100);
        var first = t.sent();
        assertThat(first.seq()).isEqualTo(t.iss + 1);
        assertThat(first.flags()).isEqualTo(ACK | PSH);
        t.advance(rto - 1);
        t.expectNothingSent();
        t.advance(1);
        var r1 = t.sent();
        assertThat(r1.seq()).isEqualTo(t.iss + 1);
        assertThat(r1.atNanos() - t0).isEqualTo(rto);
        var r2 = t.nextSent(SimTime.seconds(5));
        assertThat(r2.atNanos() - t0).isEqualTo(3 * rto);           // RTO doubled
        assertThat(t.socket.info().retransmits()).isEqualTo(2);
        t.advance(50 * MS);
        t.fromPeer(t.ackOf(t.iss + 101));
        assertThat(t.socket.info().srttNanos()).isEqualTo(10 * MS); // Karn: no sample from a retransmitted segment
        // DEVIATION(RFC 6298 §5): the ACK of new data clears the backoff (BSD/Linux), RTO is back to 210 ms
        assertThat(t.socket.info().rtoNanos()).isEqualTo(rto);
        t.advance(SimTime.seconds(10));
        t.expectNothingSent();
    }

    @Test void lostSegment_threeDupAcks_fastRetransmit_thenNewRenoPartialAndFullAck_rfc6582() {
        TcpHarness t = establishedWithRtt(DEF.withSack(false).withCongestion(TcpCongestion.NEWRENO), 65535);   // no SACK: NewReno recovers
        int base = t.iss + 1;
        t.write(14600);
        for (int i = 0; i < 10; i++) assertThat(t.sent().seq()).isEqualTo(base + 1460 * i);   // IW10, RFC 6928
        t.expectNothingSent();
        for (int i = 0; i < 2; i++) t.fromPeer(t.ackOf(base));
        t.expectNothingSent();
        t.fromPeer(t.ackOf(base));                                  // third duplicate
        var fr = t.sent();
        assertThat(fr.seq()).isEqualTo(base);
        assertThat(fr.len()).isEqualTo(1460);
        assertThat(t.counter(TcpCounters.Event.TX_FAST_RETRANSMIT)).isEqualTo(1);
        assertThat(t.socket.info().ssthresh()).isEqualTo(7300);     // flight/2
        assertThat(t.socket.info().cwnd()).isEqualTo(7300 + 3 * 1460);
        t.fromPeer(t.ackOf(base + 1460 * 4));                       // partial ACK: segment 5 also lost
        var partial = t.sent();
        assertThat(partial.seq()).isEqualTo(base + 1460 * 4);
        t.fromPeer(t.ackOf(base + 14600));                          // full ACK ends recovery
        assertThat(t.socket.info().cwnd()).isEqualTo(1460);         // min(ssthresh, flight + SMSS) with nothing left
        assertThat(t.socket.info().bytesAcked()).isEqualTo(14600);
    }

    // ------------------------------------------------------------ delayed ACK, Nagle

    @Test void delayedAck_smallSegment_ackedAfter200ms_rfc9293_3_8_6_3() {
        TcpHarness t = TcpHarness.established(DEF.withMinRtoNanos(SimTime.seconds(1)));
        long t0 = t.sim.now();
        t.peerSends(100, t.iss + 1);
        t.expectNothingSent();
        var ack = t.nextSent(SimTime.seconds(1));
        assertThat(ack.atNanos() - t0).isEqualTo(200 * MS);
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
    }

    /** Issue 11 defect 1: a 200 ms delayed ACK raced a 200 ms RTO floor; the delay stays 1 ms under it (Linux tcp_delack_max). */
    @Test void delayedAck_staysBelowTheRtoFloor() {
        TcpHarness t = TcpHarness.established(DEF);
        long t0 = t.sim.now();
        t.peerSends(100, t.iss + 1);
        assertThat(t.nextSent(SimTime.seconds(1)).atNanos() - t0).isEqualTo(199 * MS);
    }

    @Test void delayedAck_everySecondFullSegment_ackedAtOnce_rfc5681_4_2() {
        TcpHarness t = TcpHarness.established(DEF);
        t.peerSends(1460, t.iss + 1);
        t.expectNothingSent();
        t.peerSends(1460, t.iss + 1);
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(ack.atNanos()).isEqualTo(t.sim.now());
    }

    @Test void delayedAck_configurableTimeout() {
        TcpHarness t = TcpHarness.established(DEF.withDelayedAckNanos(40 * MS));
        long t0 = t.sim.now();
        t.peerSends(10, t.iss + 1);
        assertThat(t.nextSent(SimTime.seconds(1)).atNanos() - t0).isEqualTo(40 * MS);
    }

    @Test void outOfOrderData_immediateDupAckWithSack_thenGapFillAcksAll_rfc2018() {
        TcpHarness t = TcpHarness.established(DEF);
        int p = t.peerNxt;
        t.fromPeer(t.seg(ACK).seq(p + 100).ack(t.iss + 1).payload(50));
        var dup = t.sent();
        assertThat(dup.ack()).isEqualTo(p);
        assertThat(dup.h().sackBlocks()).containsExactly(new TcpOption.SackBlock(p + 100, p + 150));
        t.fromPeer(t.seg(ACK).seq(p).ack(t.iss + 1).payload(100));
        var all = t.sent();
        assertThat(all.ack()).isEqualTo(p + 150);
        assertThat(all.h().sackBlocks()).isEmpty();
        assertThat(t.socket.readableBytes()).isEqualTo(150);
    }

    @Test void nagle_holdsSecondSmallWriteUntilAck_rfc896() {
        TcpHarness t = TcpHarness.established(DEF);
        t.write(10);
        assertThat(t.sent().len()).isEqualTo(10);
        t.write(10);
        t.expectNothingSent();
        t.fromPeer(t.ackOf(t.iss + 11));
        var second = t.sent();
        assertThat(second.seq()).isEqualTo(t.iss + 11);
        assertThat(second.len()).isEqualTo(10);
    }

    @Test void noDelay_sendsSecondSmallWriteAtOnce() {
        TcpHarness t = TcpHarness.established(DEF.withNoDelay(true));
        t.write(10);
        t.write(10);
        assertThat(t.sent().len()).isEqualTo(10);
        assertThat(t.sent().len()).isEqualTo(10);
        TcpHarness u = TcpHarness.established(DEF);
        u.write(10);
        u.sent();
        u.write(10);
        u.expectNothingSent();
        u.socket.setNoDelay(true);                                  // turning TCP_NODELAY on flushes
        assertThat(u.sent().len()).isEqualTo(10);
    }

    // ------------------------------------------------------------ flow control

    @Test void zeroWindow_persistTimerProbesWithBackoff_thenResumes_rfc9293_3_8_6_1() {
        TcpHarness t = establishedWithRtt(DEF, 1000);
        int base = t.iss + 1;
        t.write(3000);
        assertThat(t.sent().len()).isEqualTo(1000);
        t.expectNothingSent();
        long t0 = t.sim.now();
        t.fromPeer(t.ackOf(base + 1000).window(0));
        t.expectNothingSent();
        long rto = t.socket.info().rtoNanos();
        assertThat(rto).isEqualTo(t.socket.info().srttNanos() + 200 * MS);   // variance term floored at minRto
        var probe = t.nextSent(SimTime.seconds(5));
        assertThat(probe.atNanos() - t0).isEqualTo(rto);
        assertThat(probe.seq()).isEqualTo(base + 1000);
        assertThat(probe.len()).isEqualTo(1);
        t.fromPeer(t.ackOf(base + 1000).window(0));                 // still closed
        var probe2 = t.nextSent(SimTime.seconds(5));
        assertThat(probe2.atNanos() - t0).isEqualTo(3 * rto);       // backed off to 2 x RTO
        assertThat(t.counter(TcpCounters.Event.TX_ZERO_WINDOW_PROBE)).isEqualTo(2);
        t.fromPeer(t.ackOf(base + 1000).window(4000));              // window opens
        var rest = t.sent();
        assertThat(rest.seq()).isEqualTo(base + 1000);
        assertThat(rest.len()).isEqualTo(1460);
        t.expectNothingSent();                                      // Nagle holds the 540-byte tail
        t.fromPeer(t.ackOf(base + 2460).window(4000));
        assertThat(t.sent().len()).isEqualTo(540);
        assertThat(t.socket.writableBytes()).isEqualTo(DEF.sendBuffer() - 540);
    }

    @Test void receiver_fullBuffer_advertisesZeroWindow_andUpdatesWhenAppReads() {
        TcpHarness t = TcpHarness.established(DEF.withReceiveBuffer(4000).withWindowScale(false));
        t.peerSends(1460, t.iss + 1);
        t.peerSends(1460, t.iss + 1);
        assertThat(t.sent().h().window()).isEqualTo(4000 - 2920);
        t.peerSends(1080, t.iss + 1);
        var zero = t.nextSent(SimTime.seconds(1));
        assertThat(zero.h().window()).isZero();
        byte[] buf = new byte[4000];
        assertThat(t.socket.read(buf)).isEqualTo(4000);
        var update = t.sent();
        assertThat(update.h().window()).isEqualTo(4000);
    }

    /** RFC 7323 §2.4: with window scale 3 and 1001-byte segments the edge is rounded up, never pulled back. */
    @Test void scaledWindow_roundedUp_rightEdgeNeverShrinks() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(65535)
                .options(new TcpOption.Mss(1460), new TcpOption.WindowScale(0)));
        t.sent();
        t.socket = t.connecting.join();
        long lastEdge = -1;
        for (int i = 0; i < 8; i++) {
            t.peerSends(1001, t.iss + 1);
            t.advance(SimTime.seconds(1));
            while (!t.out.isEmpty()) {
                var ack = t.sent();
                long edge = Integer.toUnsignedLong(ack.ack()) + ((long) ack.h().window() << 3);
                assertThat(edge).as("right edge after ACK %d", i).isGreaterThanOrEqualTo(lastEdge);
                lastEdge = edge;
            }
        }
        assertThat(lastEdge).isGreaterThan(0);
    }

    // ------------------------------------------------------------ closing

    @Test void halfClose_finWait2_peerKeepsSending_thenFinToTimeWait() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.shutdownOutput();
        var fin = t.sent();
        assertThat(fin.flags()).isEqualTo(FIN | ACK);
        assertThat(t.state()).isEqualTo(TcpState.FIN_WAIT_1);
        t.fromPeer(t.ackOf(t.iss + 2));
        assertThat(t.state()).isEqualTo(TcpState.FIN_WAIT_2);
        t.peerSends(300, t.iss + 2);
        assertThat(t.socket.readableBytes()).isEqualTo(300);
        assertThatThrownBy(() -> t.write(1)).isInstanceOf(IllegalStateException.class);
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(t.peerNxt + 1);
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        byte[] buf = new byte[1000];
        assertThat(t.socket.read(buf)).isEqualTo(300);
        assertThat(t.socket.read(buf)).isEqualTo(-1);
    }

    @Test void peerFinFirst_closeWait_thenCloseGoesLastAckThenClosed() {
        TcpHarness t = TcpHarness.established(DEF);
        List<TcpCloseReason> closed = new ArrayList<>();
        t.socket.onClosed(closed::add);
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 1));
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt + 1);        // FIN is acked at once
        assertThat(t.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(t.socket.read(new byte[10])).isEqualTo(-1);
        t.write(5);                                                 // still allowed to send
        assertThat(t.sent().len()).isEqualTo(5);
        t.socket.close();
        var fin = t.sent();
        assertThat(fin.flags() & FIN).isNotZero();
        assertThat(t.state()).isEqualTo(TcpState.LAST_ACK);
        t.fromPeer(t.seg(ACK).seq(t.peerNxt + 1).ack(t.iss + 7));
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        assertThat(closed).containsExactly(TcpCloseReason.NORMAL);
        assertThat(t.tcp.sockets()).isEmpty();
    }

    @Test void simultaneousClose_closingThenTimeWait() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.shutdownOutput();
        t.sent();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 1));   // peer's FIN does not ack ours
        assertThat(t.state()).isEqualTo(TcpState.CLOSING);
        t.fromPeer(t.seg(ACK).seq(t.peerNxt + 1).ack(t.iss + 2));
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test void closeWithUnreadData_sendsRstInsteadOfFin_rfc2525_2_17() {
        TcpHarness t = TcpHarness.established(DEF);
        t.peerSends(100, t.iss + 1);
        t.socket.close();
        var rst = t.sent();
        assertThat(rst.flags()).isEqualTo(RST | ACK);
        assertThat(rst.seq()).isEqualTo(t.iss + 1);
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        t.expectNothingSent();
    }

    @Test void lingerZero_closeAborts() {
        TcpHarness t = TcpHarness.established(DEF.withLingerNanos(0));
        t.socket.close();
        assertThat(t.sent().flags()).isEqualTo(RST | ACK);
    }

    @Test void timeWait_lasts2Msl_then4TupleReusable() {
        TcpOptions o = DEF.withMslNanos(SimTime.seconds(30));
        TcpHarness t = TcpHarness.established(o);
        t.tcp.ephemeralPorts().setRange(t.localPort, t.localPort);
        t.socket.shutdownOutput();
        t.sent();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        t.sent();
        long entered = t.sim.now();
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.TIME_WAIT);
        var blocked = t.tcp.connect(TcpHarness.PEER, 80, o);
        assertThat(blocked).isCompletedExceptionally();
        assertThatThrownBy(blocked::join).cause().extracting(e -> ((TcpException) e).reason())
                .isEqualTo(TcpException.Reason.PORT_EXHAUSTED);
        t.sim.runUntil(entered + SimTime.seconds(60) - 1);
        assertThat(t.tcp.sockets()).hasSize(1);
        t.sim.runUntil(entered + SimTime.seconds(60));
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_EXPIRED)).isEqualTo(1);
        var again = t.tcp.connect(TcpHarness.PEER, 80, o);
        assertThat(again).isNotDone();
        assertThat(t.sent().h().sourcePort()).isEqualTo(t.localPort);
    }

    @Test void timeWait_retransmittedFin_isAckedAndRestarts2Msl() {
        TcpHarness t = TcpHarness.established(DEF.withMslNanos(SimTime.seconds(1)));
        t.socket.shutdownOutput();
        t.sent();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        t.sent();
        t.advance(SimTime.seconds(1));
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));   // our ACK was lost
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt + 1);
        t.advance(SimTime.seconds(2) - 1);
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        t.advance(1);
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test void portExhaustion_connectFailsWithClearError() {
        TcpHarness t = new TcpHarness();
        t.tcp.ephemeralPorts().setRange(40000, 40001);
        t.tcp.connect(TcpHarness.PEER, 80, DEF);
        t.tcp.connect(TcpHarness.PEER, 80, DEF);
        var third = t.tcp.connect(TcpHarness.PEER, 80, DEF);
        assertThatThrownBy(third::join).cause().isInstanceOf(TcpException.class)
                .hasMessageContaining("no free local port").hasMessageContaining("40000-40001");
        var other = t.tcp.connect(TcpHarness.PEER, 443, DEF);       // another destination port is a new 4-tuple
        assertThat(other).isNotDone();
        assertThat(t.counter(TcpCounters.Event.PORT_EXHAUSTED)).isEqualTo(1);
    }

    @Test void dataAfterAppClose_isAnsweredWithRst() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.close();
        assertThat(t.sent().flags()).isEqualTo(FIN | ACK);
        t.fromPeer(t.ackOf(t.iss + 2));
        assertThat(t.state()).isEqualTo(TcpState.FIN_WAIT_2);
        t.peerSends(10, t.iss + 2);
        assertThat(t.sent().flags()).isEqualTo(RST | ACK);
        assertThat(t.drops(TcpDrop.DATA_AFTER_CLOSE)).isEqualTo(1);
    }

    /**
     * The harness's stack draws its secret from Simulator(42).random("test/tcp"). The expected F values are SipHash-2-4
     * of the 12 bytes Linux's siphash_3u32 hashes, computed apart (Python, from the SipHash paper): 0a000001 0a000002
     * (saddr, daddr) then 00509c40 for 40000 -> 80 or 00509c41 for 40001 -> 80 (the u32 sport << 16 | dport of two
     * __be16, stored little-endian).
     */
    @Test void isn_isSipHashOfThe4TuplePlusA64NsClock_rfc6528_3_linuxSecureTcpSeq() {
        byte[] secret = new byte[16];
        SimRandom.derive(42, "test/tcp").nextBytes(secret);
        assertThat(HexFormat.of().formatHex(secret)).as("the key the reference values were computed with")
                .isEqualTo("5a126a4335550acdcca2a854ed567095");
        TcpHarness t = new TcpHarness();
        var k = new TcpLayer.Key(TcpHarness.LOCAL.bits(), 40000, TcpHarness.PEER.bits(), 80);
        var otherPort = new TcpLayer.Key(TcpHarness.LOCAL.bits(), 40001, TcpHarness.PEER.bits(), 80);
        long at = 1_500_000_000L;
        assertThat(t.tcp.isn(k, at)).isEqualTo(0xdfc474ca + 23_437_500);          // F + 1.5 s / 64 ns
        long nearWrap = 34_000_000_000L;                                           // F + 34 s / 64 ns is 9.5 M below 2^32
        assertThat(t.tcp.isn(k, nearWrap + 1_000_000_000L)).isEqualTo(6_101_826);
        assertThat(t.tcp.isn(k, nearWrap + 1_000_000_000L) - t.tcp.isn(k, nearWrap)).isEqualTo(15_625_000);   // 1 s / 64 ns, mod 2^32
        assertThat(t.tcp.isn(otherPort, at)).isEqualTo(0x35a4d1da + 23_437_500);  // another port: another F
    }
}
