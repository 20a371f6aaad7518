package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static io.wirelab.stack.tcp.TcpHarness.LOCAL;
import static io.wirelab.stack.tcp.TcpHarness.PEER;
import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.PSH;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TimeWait record (Linux tcp_timewait_sock) that replaces a connection in TIME-WAIT, with crafted
 * segments: RFC 9293 §3.10.7.4 in TIME-WAIT, RFC 6191 reuse, RFC 5961 RST checks, 2 MSL expiry.
 */
class TimeWaitTest {
    static final long MSL = SimTime.seconds(30);
    static final TcpOptions DEF = TcpOptions.defaults();

    /** Client closes first: FIN, the peer's FIN,ACK, our ACK (returned); the client is now in TIME-WAIT. */
    static TcpHarness.Sent clientInTimeWait(TcpHarness t, TcpOption... peerOptions) {
        t.socket.shutdownOutput();
        assertThat(t.sent().has(FIN)).isTrue();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2).options(peerOptions));
        t.peerNxt++;
        TcpHarness.Sent ack = t.sent();
        assertThat(ack.flags()).isEqualTo(ACK);
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        return ack;
    }

    /** Established with timestamps and SACK (the peer's SYN-ACK carried TSval 100). */
    static TcpHarness establishedWithTimestamps() {
        TcpHarness t = TcpHarness.inSynSent(DEF.withTimestamps(true));
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1)
                .options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Timestamps(100, 0)));
        t.sent();
        t.socket = t.connecting.join();
        return t;
    }

    @Test void enteringTimeWait_theConnectionLeavesTheTableAndARecordHoldsThe4Tuple_linuxTcpTimeWait() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        assertThat(t.tcp.connections()).isEmpty();                   // no socket, no buffers left in the layer
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
        assertThat(t.tcp.sockets()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(TcpState.TIME_WAIT);
            assertThat(s.localPort()).isEqualTo(t.localPort);
            assertThat(s.remoteAddress()).isEqualTo(PEER);
        });
        assertThat(t.socket.bufferStorage()).isZero();
    }

    @Test void sockets_showTheTimeLeft_likeSsTano() {
        TcpHarness t = TcpHarness.established(DEF);
        assertThat(t.tcp.sockets().getFirst().timer()).isEmpty();
        clientInTimeWait(t);
        t.advance(SimTime.millis(5_250));
        TcpSocketInfo row = t.tcp.sockets().getFirst();
        assertThat(row.timeWaitRemainingNanos()).isEqualTo(2 * MSL - SimTime.millis(5_250));
        assertThat(row.timer()).isEqualTo("timer:(timewait,54sec,0)");   // 54.75 s: above 9 s ss leaves out the ms
        assertThat(row.toString()).startsWith("TIME-WAIT").endsWith(" timer:(timewait,54sec,0)");
    }

    @Test void timerText_isIproute2Ss() {
        assertThat(TcpSocketInfo.ssTime(SimTime.seconds(60))).isEqualTo("1min");
        assertThat(TcpSocketInfo.ssTime(SimTime.seconds(65))).isEqualTo("1min5sec");
        assertThat(TcpSocketInfo.ssTime(SimTime.seconds(59) + SimTime.millis(999))).isEqualTo("59sec");
        assertThat(TcpSocketInfo.ssTime(SimTime.millis(5_250))).isEqualTo("5.250ms");
        assertThat(TcpSocketInfo.ssTime(SimTime.millis(200))).isEqualTo("200ms");
    }

    @Test void retransmittedFin_getsTheSameAckAgain_andRestarts2Msl_rfc9293_3_10_7_4() {
        TcpHarness t = TcpHarness.established(DEF);
        var first = clientInTimeWait(t);
        long entered = t.sim.now();
        t.advance(SimTime.seconds(50));
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt - 1).ack(t.iss + 2));   // our ACK was lost
        var again = t.sent();
        assertThat(again.flags()).isEqualTo(ACK);
        assertThat(again.seq()).isEqualTo(first.seq()).isEqualTo(t.iss + 2);
        assertThat(again.ack()).isEqualTo(first.ack()).isEqualTo(t.peerNxt);
        assertThat(again.h().window()).isEqualTo(first.h().window());
        assertThat(t.drops(TcpDrop.UNACCEPTABLE_SEQ)).isEqualTo(1);
        t.sim.runUntil(entered + 2 * MSL);                          // the first 2 MSL would end here
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        t.sim.runUntil(entered + SimTime.seconds(50) + 2 * MSL - 1);
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
        t.advance(1);
        assertThat(t.tcp.timeWaitCount()).isZero();
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        t.expectNothingSent();
    }

    /** An unacceptable segment does not move TS.Recent (RFC 7323 §4.3 (2); Linux tcp_timewait_state_process too). */
    @Test void retransmittedFin_withTimestamps_echoesTsRecentFromTheFirstFin_withOurClockAdvanced_rfc7323_4_3() {
        TcpHarness t = establishedWithTimestamps();
        var first = clientInTimeWait(t, new TcpOption.Timestamps(200, 0));
        assertThat(first.h().timestamps().echoReply()).isEqualTo(200);
        t.advance(SimTime.millis(300));
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt - 1).ack(t.iss + 2).options(new TcpOption.Timestamps(500, 0)));
        var again = t.sent();
        assertThat(again.h().timestamps().echoReply()).isEqualTo(200);
        assertThat(again.h().timestamps().value()).isEqualTo(first.h().timestamps().value() + 300);
        assertThat(again.h().sackBlocks()).isEmpty();
    }

    @Test void oldDuplicateData_isAckedWithADsackBlock_rfc2883() {
        TcpHarness t = TcpHarness.established(DEF);
        t.peerSends(100, t.iss + 1);
        byte[] in = new byte[100];
        assertThat(t.socket.read(in)).isEqualTo(100);
        t.advance(SimTime.seconds(1));
        t.out.clear();
        clientInTimeWait(t);
        t.fromPeer(t.seg(ACK | PSH).seq(PEER_ISS + 1).ack(t.iss + 2).payload(100));   // the old data again
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(ack.h().sackBlocks()).singleElement().satisfies(b -> {
            assertThat(b.left()).isEqualTo(PEER_ISS + 1);
            assertThat(b.right()).isEqualTo(PEER_ISS + 101);
        });
        assertThat(t.counter(TcpCounters.Event.RX_DUPLICATE)).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.TX_DSACK)).isEqualTo(1);
    }

    @Test void segmentBeyondTheWindow_getsAnAck_andTimeWaitStays() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.seg(ACK).seq(t.peerNxt + 10_000_000).ack(t.iss + 2));
        var ack = t.sent();
        assertThat(ack.seq()).isEqualTo(t.iss + 2);
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(t.drops(TcpDrop.UNACCEPTABLE_SEQ)).isEqualTo(1);
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
    }

    @Test void inWindowAckOfNothing_isSilent() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.ackOf(t.iss + 2));
        t.expectNothingSent();
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void ackOfUnsentData_getsAnAck_rfc5961_5_2() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.ackOf(t.iss + 5000));
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt);
        assertThat(t.drops(TcpDrop.UNACCEPTABLE_ACK)).isEqualTo(1);
    }

    @Test void exactRst_endsTimeWait_linuxRfc1337Off() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.seg(RST).seq(t.peerNxt));
        t.expectNothingSent();
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        assertThat(t.counter(TcpCounters.Event.RESETS_RECEIVED)).isEqualTo(1);
        assertThat(t.socket.trace().states().getLast())
                .isEqualTo(new TcpTrace.StateChanged(t.sim.now(), TcpState.TIME_WAIT, TcpState.CLOSED, "connection reset by peer"));
    }

    @Test void inWindowRstAtAnotherSeq_getsAChallengeAck_rfc5961_3_2() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 10));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        assertThat(t.counter(TcpCounters.Event.TX_CHALLENGE_ACK)).isEqualTo(1);
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 20));                  // within 500 ms: counted, not sent
        t.expectNothingSent();
        assertThat(t.drops(TcpDrop.CHALLENGE_ACK)).isEqualTo(2);
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void rstOutsideTheWindow_isDroppedSilently() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.seg(RST).seq(t.peerNxt - 1000));
        t.expectNothingSent();
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void newSynWithAHigherSeq_withoutAListener_isOnlyAcked() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.fromPeer(t.seg(SYN).seq(t.peerNxt + 100_000));
        var ack = t.sent();
        assertThat(ack.flags()).isEqualTo(ACK);
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void newSynWithAHigherSeq_onAServer_opensAConnectionWithAnIsnAboveTheOldSndNxt_rfc6191() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        int oldSndNxt = TcpTimeWaitReuseTest.serverInTimeWait(t);
        TcpSocket old = t.accepted.getFirst();
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
        t.fromPeer(t.seg(SYN).seq(t.peerNxt + 1_000).options(new TcpOption.Mss(1460)));
        var synAck = t.sent();
        assertThat(synAck.flags()).isEqualTo(SYN | ACK);
        assertThat(synAck.seq()).isEqualTo(oldSndNxt + 65537);
        assertThat(t.tcp.timeWaitCount()).isZero();
        assertThat(old.state()).isEqualTo(TcpState.CLOSED);
        assertThat(old.trace().states().getLast().cause()).isEqualTo("new SYN reuses the 4-tuple (RFC 6191)");
    }

    @Test void oldDuplicateSyn_belowRcvNxt_isAckedAndDoesNotReuse_rfc6191() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        TcpTimeWaitReuseTest.serverInTimeWait(t);
        t.fromPeer(t.seg(SYN).seq(PEER_ISS));                        // the first SYN, delayed in the network
        var ack = t.sent();
        assertThat(ack.flags()).isEqualTo(ACK);
        assertThat(ack.ack()).isEqualTo(t.peerNxt);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_REUSED)).isZero();
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void pawsRejectedSegment_isAckedAndDropped_rfc7323_5_3() {
        TcpHarness t = establishedWithTimestamps();
        clientInTimeWait(t, new TcpOption.Timestamps(200, 0));
        t.fromPeer(t.ackOf(t.iss + 2).payload(10).options(new TcpOption.Timestamps(150, 0)));
        var ack = t.sent();
        assertThat(ack.h().timestamps().echoReply()).isEqualTo(200);
        assertThat(t.drops(TcpDrop.PAWS_REJECTED)).isEqualTo(1);
    }

    @Test void expiry_after2Msl_freesThe4Tuple_countsIt_andTheTraceShowsTheWholePeriod() {
        TcpHarness t = TcpHarness.established(DEF);
        t.tcp.ephemeralPorts().setRange(t.localPort, t.localPort);
        clientInTimeWait(t);
        long entered = t.sim.now();
        assertThat(t.tcp.connect(PEER, TcpHarness.PEER_PORT, DEF)).isCompletedExceptionally();   // the only port is held
        t.sim.runUntil(entered + 2 * MSL - 1);
        assertThat(t.tcp.sockets()).hasSize(1);
        t.sim.runUntil(entered + 2 * MSL);
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_EXPIRED)).isEqualTo(1);
        List<TcpTrace.StateChanged> states = t.socket.trace().states();
        assertThat(states.get(states.size() - 2).to()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(states.get(states.size() - 2).atNanos()).isEqualTo(entered);
        assertThat(states.getLast()).isEqualTo(new TcpTrace.StateChanged(entered + 2 * MSL, TcpState.TIME_WAIT, TcpState.CLOSED, "2MSL expired"));
        assertThat(t.socket.trace().toCsv()).endsWith("state,TIME-WAIT>CLOSED\n");
        assertThat(t.tcp.connect(PEER, TcpHarness.PEER_PORT, DEF)).isNotDone();
        assertThat(t.sent().h().sourcePort()).isEqualTo(t.localPort);
    }

    @Test void icmpErrorAboutATimeWait4Tuple_isIgnored_linux() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        byte[] quoted = ByteBuffer.allocate(8).putShort((short) t.localPort).putShort((short) TcpHarness.PEER_PORT).putInt(t.iss + 1).array();
        t.tcp.onIcmpError(new Icmpv4Error(Icmpv4Message.TYPE_DESTINATION_UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0,
                PEER, LOCAL, PEER, IpProtocol.TCP, quoted, false), t.sim.now());
        assertThat(t.drops(TcpDrop.ICMP_IGNORED)).isEqualTo(1);
        assertThat(t.drops(TcpDrop.ICMP_NO_SOCKET)).isZero();
        assertThat(t.tcp.timeWaitCount()).isEqualTo(1);
    }

    @Test void abortingTheSocket_endsTimeWaitWithoutARst() {
        TcpHarness t = TcpHarness.established(DEF);
        clientInTimeWait(t);
        t.socket.abort();
        t.expectNothingSent();
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
    }
}
