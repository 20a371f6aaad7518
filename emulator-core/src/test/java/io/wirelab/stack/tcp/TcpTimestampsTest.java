package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wirelab.stack.tcp.TcpHarness.LOCAL;
import static io.wirelab.stack.tcp.TcpHarness.PEER;
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

    // ------------------------------------------------------------ the clock's offset (Linux secure_tcp_ts_off)

    static int clockMillis(TcpHarness t) { return (int) (t.sim.now() / MS); }

    @Test void synReceived_synAckTsvalIsTheClockPlusTheOffset_andEchoesThePeersTsval() {
        TcpHarness t = new TcpHarness();
        t.tcp.listen(80, TS, 128, t.accepted::add);
        t.localPort = 80;
        t.advance(1234 * MS);
        t.fromPeer(t.seg(SYN).seq(PEER_ISS).options(new TcpOption.Mss(1460), new TcpOption.Timestamps(777, 0)));
        var synAck = t.sent().h().timestamps();
        int offset = t.tcp.tsOffset(LOCAL.bits(), PEER.bits());
        assertThat(offset).as("this seed's offset for 10.0.0.1 -> 10.0.0.2").isNotZero();
        assertThat(synAck.value()).isEqualTo(1234 + offset);
        assertThat(synAck.echoReply()).isEqualTo(777);                // RFC 7323 §3.2: the peer's TSval unchanged
    }

    @Test void established_everyTsvalIsTheClockPlusTheOffset() {
        TcpHarness t = established();
        int offset = t.tcp.tsOffset(LOCAL.bits(), PEER.bits());
        t.advance(5 * MS);
        t.write(100);
        assertThat(t.sent().h().timestamps().value()).isEqualTo(5 + offset);
    }

    @Test void tsOffset_dependsOnTheAddressesNotThePorts_asLinuxSecureTcpTsOff() {
        TcpHarness t = new TcpHarness();
        t.tcp.connect(PEER, 80, TS);
        int first = t.sent().h().timestamps().value() - clockMillis(t);
        t.advance(7 * MS);
        t.tcp.connect(PEER, 81, TS);                                   // same pair, another port: one clock
        assertThat(t.sent().h().timestamps().value() - clockMillis(t)).isEqualTo(first);
        t.tcp.connect(Ipv4Address.parse("10.0.0.3"), 80, TS);          // another pair: another offset
        assertThat(t.sent().h().timestamps().value() - clockMillis(t)).isNotEqualTo(first);
        assertThat(t.tcp.tsOffset(PEER.bits(), LOCAL.bits())).as("the other direction's").isNotEqualTo(first);
    }

    @Test void timestampOffsetsOff_tsvalIsTheClock_linuxTcpTimestamps2() {
        TcpHarness t = new TcpHarness();
        t.advance(1234 * MS);
        t.tcp.connect(PEER, 80, TS.withTimestampOffsets(false));
        assertThat(t.sent().h().timestamps().value()).isEqualTo(1234);
    }

    /** RTT = TSval now - TSecr in signed 32-bit arithmetic: right when our TSval passes 2^31 or 2^32 meanwhile. */
    @ParameterizedTest @ValueSource(ints = {0x8000_0000, 0})
    void rtt_fromTsecr_acrossTheTsvalWrap_rfc7323_4_1(int wrapAt) {
        TcpHarness t = established();
        int offset = t.tcp.tsOffset(LOCAL.bits(), PEER.bits());
        long rtoMillis = t.socket.info().rtoNanos() / MS;
        int retransmittedAt = wrapAt - 10;                           // the retransmission's TSval: 10 ms before the wrap
        long idle = Integer.toUnsignedLong(retransmittedAt - (int) rtoMillis - offset - clockMillis(t));
        t.advance(idle * MS);                                         // up to 49.7 virtual days
        long srttBefore = t.socket.info().srttNanos();
        t.write(100);
        t.sent();
        var retransmission = t.nextSent(SimTime.seconds(2));
        assertThat(retransmission.seq()).isEqualTo(t.iss + 1);
        assertThat(retransmission.h().timestamps().value()).isEqualTo(retransmittedAt);
        t.advance(40 * MS);                                           // our TSval is now wrapAt + 30
        t.fromPeer(t.ackOf(t.iss + 101).options(new TcpOption.Timestamps(500, retransmittedAt)));
        assertThat(t.socket.info().srttNanos()).isEqualTo((7 * srttBefore + 40 * MS) / 8);
    }
}
