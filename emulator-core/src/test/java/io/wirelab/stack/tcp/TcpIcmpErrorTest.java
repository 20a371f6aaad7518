package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.wirelab.stack.tcp.TcpHarness.LOCAL;
import static io.wirelab.stack.tcp.TcpHarness.PEER;
import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crafted ICMP errors quoting our segments: RFC 1122 §4.2.3.9, RFC 5927 §4.1, RFC 1191, as Linux tcp_v4_err. */
class TcpIcmpErrorTest {
    static final TcpOptions DEF = TcpOptions.defaults();
    static final int UNREACHABLE = Icmpv4Message.TYPE_DESTINATION_UNREACHABLE;

    /** An ICMP error from reporter quoting a TCP header localPort -> 80 with sequence number seq. */
    static Icmpv4Error error(TcpHarness t, int type, int code, int mtu, int seq) {
        byte[] quoted = ByteBuffer.allocate(8).putShort((short) t.localPort).putShort((short) TcpHarness.PEER_PORT).putInt(seq).array();
        return new Icmpv4Error(type, code, mtu, PEER, LOCAL, PEER, IpProtocol.TCP, quoted, false);
    }

    static TcpException.Reason failure(TcpHarness t) {
        assertThat(t.connecting).isCompletedExceptionally();
        Throwable e = t.connecting.handle((s, x) -> x).join();
        return ((TcpException) (e instanceof TcpException ? e : e.getCause())).reason();
    }

    @Test void synSent_hostUnreachable_connectFailsAtOnce_linuxTcpV4Err() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, t.iss), t.sim.now());
        assertThat(failure(t)).isEqualTo(TcpException.Reason.HOST_UNREACHABLE);
        assertThatThrownBy(t.connecting::join).hasMessageContaining("no route to host");
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.counter(TcpCounters.Event.RX_ICMP_ERROR)).isEqualTo(1);
        t.advance(SimTime.seconds(5));
        t.expectNothingSent();                                      // no SYN retransmission, no RST
    }

    @Test void synSent_eachCodeGivesLinuxErrno_rfc5461_4_1() {
        int[][] cases = {{UNREACHABLE, 0}, {UNREACHABLE, 2}, {UNREACHABLE, 3}, {Icmpv4Message.TYPE_TIME_EXCEEDED, 0}};
        TcpException.Reason[] expected = {TcpException.Reason.NET_UNREACHABLE, TcpException.Reason.PROTOCOL_UNREACHABLE,
                TcpException.Reason.REFUSED, TcpException.Reason.HOST_UNREACHABLE};
        for (int i = 0; i < cases.length; i++) {
            TcpHarness t = TcpHarness.inSynSent(DEF);
            t.tcp.onIcmpError(error(t, cases[i][0], cases[i][1], 0, t.iss), t.sim.now());
            assertThat(failure(t)).as("type %d code %d", cases[i][0], cases[i][1]).isEqualTo(expected[i]);
        }
    }

    @Test void synSent_errorQuotingAnotherSequence_isIgnored_rfc5927_4_1() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, t.iss + 1000), t.sim.now());
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, t.iss - 1), t.sim.now());
        assertThat(t.connecting).isNotDone();
        assertThat(t.drops(TcpDrop.ICMP_OUT_OF_WINDOW)).isEqualTo(2);
        assertThat(t.nextSent(SimTime.seconds(2)).flags()).isEqualTo(SYN);   // still retrying
    }

    @Test void errorForNoConnectionOrUnknownCode_isCountedAndIgnored() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        Icmpv4Error e = error(t, UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, t.iss);
        t.tcp.onIcmpError(new Icmpv4Error(e.type(), e.code(), 0, PEER, LOCAL, PEER, IpProtocol.TCP, new byte[]{0, 1, 0, 80, 0, 0, 0, 0}, false), 0);
        t.tcp.onIcmpError(error(t, UNREACHABLE, 99, 0, t.iss), 0);
        assertThat(t.drops(TcpDrop.ICMP_NO_SOCKET)).isEqualTo(1);
        assertThat(t.drops(TcpDrop.ICMP_IGNORED)).isEqualTo(1);
        assertThat(t.connecting).isNotDone();
    }

    @Test void established_hostUnreachable_isSoft_reportedWhenTheConnectionTimesOut_rfc1122_4_2_3_9() {
        TcpHarness t = TcpHarness.established(DEF.withMaxRetries(2));
        TcpCloseReason[] closed = new TcpCloseReason[1];
        t.socket.onClosed(r -> closed[0] = r);
        t.write(100);
        assertThat(t.sent().len()).isEqualTo(100);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_PORT_UNREACHABLE, 0, t.iss + 1), t.sim.now());
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);     // Linux aborts no synchronized connection on ICMP
        t.sim.runUntil(() -> closed[0] != null, SimTime.seconds(60));
        assertThat(closed[0]).isEqualTo(TcpCloseReason.TIMED_OUT);
        assertThat(t.socket.trace().states().getLast().cause()).contains("connection refused");
    }

    @Test void established_softErrorIsForgottenOnAnAck_linuxTcpAck() {
        TcpHarness t = TcpHarness.established(DEF.withMaxRetries(2));
        t.write(100);
        t.sent();
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, t.iss + 1), t.sim.now());
        t.fromPeer(t.ackOf(t.iss + 101));
        t.write(100);
        t.sent();
        t.sim.runUntil(() -> t.state() == TcpState.CLOSED, SimTime.seconds(60));
        assertThat(t.socket.trace().states().getLast().cause()).isEqualTo("retransmission limit");
    }

    @Test void synReceived_hostUnreachableAboutSynAck_dropsTheHalfOpenConnection_linuxTcpReqErr() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        t.localPort = 80;
        Icmpv4Error portUnreachable = new Icmpv4Error(UNREACHABLE, Icmpv4Message.CODE_PORT_UNREACHABLE, 0, PEER, LOCAL, PEER, IpProtocol.TCP,
                ByteBuffer.allocate(8).putShort((short) 80).putShort((short) TcpHarness.PEER_PORT).putInt(t.iss).array(), false);
        t.tcp.onIcmpError(portUnreachable, t.sim.now());
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN, TcpState.SYN_RECEIVED);
        Icmpv4Error hostUnreachable = new Icmpv4Error(UNREACHABLE, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, PEER, LOCAL, PEER, IpProtocol.TCP,
                portUnreachable.originalTransport(), false);
        t.tcp.onIcmpError(hostUnreachable, t.sim.now());
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN);
        t.expectNothingSent();
    }

    // ------------------------------------------------------------ path MTU discovery (RFC 1191)

    @Test void established_fragmentationNeeded_lowersMssAndResendsTheFlight_rfc1191_6_2() {
        TcpHarness t = TcpHarness.established(DEF);
        t.write(2920);
        assertThat(t.sent().len()).isEqualTo(1460);
        assertThat(t.sent().len()).isEqualTo(1460);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 1000, t.iss + 1), t.sim.now());
        assertThat(t.socket.info().mss()).isEqualTo(960);            // 1000 - 20 (IP) - 20 (TCP)
        var first = t.sent();
        assertThat(first.seq()).isEqualTo(t.iss + 1);
        assertThat(first.len()).isEqualTo(960);
        int resent = first.len();
        while (!t.out.isEmpty()) {
            var s = t.sent();
            assertThat(s.len()).isLessThanOrEqualTo(960);
            resent += s.len();
        }
        assertThat(resent).isEqualTo(2920);
        assertThat(t.counter(TcpCounters.Event.PATH_MTU_REDUCED)).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.TX_RETRANSMIT)).isEqualTo(4);   // 960 + 960 + 960 + 40 all went before
        t.fromPeer(t.ackOf(t.iss + 2921));
        assertThat(t.socket.info().sndUna()).isEqualTo(Integer.toUnsignedLong(t.iss + 2921));
    }

    @Test void fragmentationNeeded_neverRaisesTheMtu_andZeroMeans552_rfc1191_5_6_1() {
        TcpHarness t = TcpHarness.established(DEF);
        t.write(100);
        t.sent();
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 1600, t.iss + 1), t.sim.now());
        assertThat(t.socket.info().mss()).isEqualTo(1460);
        assertThat(t.drops(TcpDrop.ICMP_IGNORED)).isEqualTo(1);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 0, t.iss + 1), t.sim.now());
        assertThat(t.socket.info().mss()).isEqualTo(512);             // Linux ip_rt_min_pmtu 552 - 40
    }

    @Test void fragmentationNeeded_withTimestamps_leavesRoomForTheOption_rfc7323_rfc1191() {
        TcpHarness t = TcpHarness.inSynSent(DEF.withTimestamps(true));
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1)
                .options(new TcpOption.Mss(1460), new TcpOption.Timestamps(7, 0)));
        assertThat(t.sent().flags()).isEqualTo(TcpFlags.ACK);
        t.socket = t.connecting.join();
        t.write(10);
        t.sent();
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 1280, t.iss + 1), t.sim.now());
        assertThat(t.socket.info().mss()).isEqualTo(1280 - 40 - 12);
    }

    @Test void synSent_fragmentationNeeded_isUsedWhenTheHandshakeCompletes() {
        TcpHarness t = TcpHarness.inSynSent(DEF);
        t.tcp.onIcmpError(error(t, UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 1200, t.iss), t.sim.now());
        assertThat(t.connecting).isNotDone();
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).options(new TcpOption.Mss(1460)));
        assertThat(t.connecting.join().info().mss()).isEqualTo(1160);
    }
}
