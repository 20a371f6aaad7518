package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.PSH;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7323 with crafted segments: TS.Recent (§4.3), RTT from TSecr (§4.1), PAWS (§5). */
class TcpTimestampsTest {
    static final long MS = SimTime.MS;
    static final TcpOptions TS = TcpOptions.defaults().withTimestamps(true).withDelayedAckMode(DelayedAckMode.FIXED);

    /** Established with timestamps; the peer's SYN-ACK carried TSval 100, so TS.Recent = 100. */
    static TcpHarness established() {
        TcpHarness t = TcpHarness.inSynSent(TS);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1)
                .options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Timestamps(100, 0)));
        var ack = t.sent();
        assertThat(ack.h().timestamps().echoReply()).isEqualTo(100);
        t.socket = t.connecting.join();
        return t;
    }

    static void peerData(TcpHarness t, int len, int tsVal) {
        t.fromPeer(t.seg(ACK | PSH).seq(t.peerNxt).ack(t.iss + 1).payload(len).options(new TcpOption.Timestamps(tsVal, 0)));
        t.peerNxt += len;
    }

    static int echoOfNextAck(TcpHarness t) {
        return t.nextSent(SimTime.seconds(1)).h().timestamps().echoReply();
    }

    @Test void tsRecent_neverMovesBackwards_rfc7323_4_3() {
        TcpHarness t = established();
        peerData(t, 100, 99);                                       // one tick behind: passes PAWS, but must not lower TS.Recent
        assertThat(echoOfNextAck(t)).isEqualTo(100);
        assertThat(t.socket.info().rcvNxt()).isEqualTo(Integer.toUnsignedLong(PEER_ISS + 101));
    }

    @Test void tsRecent_withADelayedAck_echoesTheEarliestUnacknowledgedSegment_rfc7323_4_3() {
        TcpHarness t = established();
        peerData(t, 100, 200);
        t.expectNothingSent();                                      // the ACK is delayed
        peerData(t, 100, 300);                                      // SEG.SEQ > Last.ACK.sent: TS.Recent stays 200
        assertThat(echoOfNextAck(t)).isEqualTo(200);
        peerData(t, 100, 400);                                      // now SEG.SEQ = Last.ACK.sent
        assertThat(echoOfNextAck(t)).isEqualTo(400);
    }

    @Test void paws_olderTimestampIsDroppedAndAnswered_rfc7323_5_3_R1() {
        TcpHarness t = established();
        peerData(t, 100, 50);
        var ack = t.sent();
        assertThat(ack.ack()).isEqualTo(PEER_ISS + 1);               // the data was not taken
        assertThat(ack.h().timestamps().echoReply()).isEqualTo(100);
        assertThat(t.drops(TcpDrop.PAWS_REJECTED)).isEqualTo(1);
        assertThat(t.socket.readableBytes()).isZero();
    }

    @Test void paws_doesNotApplyToRst_rfc7323_5_3() {
        TcpHarness t = established();
        t.fromPeer(t.seg(RST | ACK).seq(t.peerNxt).ack(t.iss + 1).options(new TcpOption.Timestamps(5, 0)));
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test void paws_letsAReorderedDuplicateAckThrough_linuxTcpDisorderedAck() {
        TcpHarness t = established();
        t.fromPeer(t.seg(ACK).seq(t.peerNxt).ack(t.iss + 1).options(new TcpOption.Timestamps(200, 0)));   // SND.WL1 = this seq
        t.fromPeer(t.seg(ACK).seq(t.peerNxt).ack(t.iss + 1).options(new TcpOption.Timestamps(150, 0)));   // an older copy, late
        assertThat(t.drops(TcpDrop.PAWS_REJECTED)).isZero();
        t.expectNothingSent();
    }

    @Test void paws_tsRecentOlderThan24DaysIsInvalid_rfc7323_5_5() {
        TcpHarness t = established();
        t.advance(SimTime.seconds(25L * 24 * 3600));
        peerData(t, 100, 50);
        assertThat(t.drops(TcpDrop.PAWS_REJECTED)).isZero();
        assertThat(echoOfNextAck(t)).isEqualTo(50);
    }

    @Test void rtt_fromTsecr_whenKarnForbidsTheAckTiming_rfc7323_4_1() {
        TcpHarness t = established();
        long srttBefore = t.socket.info().srttNanos();
        t.write(100);
        t.sent();
        var retransmission = t.nextSent(SimTime.seconds(2));         // RTO: the same data again
        assertThat(retransmission.seq()).isEqualTo(t.iss + 1);
        t.advance(40 * MS);
        t.fromPeer(t.ackOf(t.iss + 101).options(new TcpOption.Timestamps(500, retransmission.h().timestamps().value())));
        assertThat(t.socket.info().srttNanos()).isEqualTo((7 * srttBefore + 40 * MS) / 8);   // RFC 6298 (2.3) with R = 40 ms
    }

    @Test void rtt_withoutTimestamps_karnTakesNoSampleFromARetransmission_rfc6298_3() {
        TcpHarness t = TcpHarness.established();
        long srttBefore = t.socket.info().srttNanos();
        t.write(100);
        t.sent();
        t.nextSent(SimTime.seconds(2));
        t.advance(40 * MS);
        t.fromPeer(t.ackOf(t.iss + 101));
        assertThat(t.socket.info().srttNanos()).isEqualTo(srttBefore);
    }
}
