package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** A new SYN on a server's TIME-WAIT 4-tuple (RFC 6191, Linux tcp_timewait_state_process), crafted segments. */
class TcpTimeWaitReuseTest {
    static final TcpOptions DEF = TcpOptions.defaults();

    /** A listener's connection closed first by the server, so the server holds TIME-WAIT; returns its SND.NXT. */
    static int serverInTimeWait(TcpHarness t, TcpOption... peerOptions) {
        t.fromPeer(t.ackOf(t.iss + 1).options(peerOptions));
        TcpSocket s = t.accepted.getFirst();
        s.close();
        var fin = t.sent();
        assertThat(fin.has(FIN)).isTrue();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2).options(peerOptions));
        t.peerNxt++;
        assertThat(t.sent().ack()).isEqualTo(t.peerNxt);
        assertThat(s.state()).isEqualTo(TcpState.TIME_WAIT);
        return t.iss + 2;
    }

    static void assertSynAckFromNewIncarnation(TcpHarness t, int oldSndNxt, int newIsn) {
        var synAck = t.sent();
        assertThat(synAck.flags()).isEqualTo(SYN | ACK);
        assertThat(synAck.seq()).isEqualTo(oldSndNxt + 65537);       // Linux: tw_snd_nxt + 65535 + 2
        assertThat(synAck.ack()).isEqualTo(newIsn + 1);
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN, TcpState.SYN_RECEIVED);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_REUSED)).isEqualTo(1);
    }

    @Test void timeWait_synAboveRcvNxt_opensANewConnection_rfc6191() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        int oldSndNxt = serverInTimeWait(t);
        int newIsn = t.peerNxt + 100_000;
        t.fromPeer(t.seg(SYN).seq(newIsn).options(new TcpOption.Mss(1460)));
        assertSynAckFromNewIncarnation(t, oldSndNxt, newIsn);
        t.fromPeer(t.ackOf(oldSndNxt + 65538).seq(newIsn + 1));
        assertThat(t.accepted).hasSize(2);
        assertThat(t.accepted.getLast().state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test void timeWait_synBelowRcvNxtWithoutTimestamps_getsAnAckAndTimeWaitStays_linux() {
        TcpHarness t = TcpHarness.inSynReceived(DEF, 8);
        serverInTimeWait(t);
        t.fromPeer(t.seg(SYN).seq(t.peerNxt - 10));
        var ack = t.sent();
        assertThat(ack.flags()).isEqualTo(ACK);
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.LISTEN, TcpState.TIME_WAIT);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_REUSED)).isZero();
    }

    @Test void timeWait_withTimestamps_newerTsvalWinsEvenWithALowerSeq_olderOneFailsPaws_rfc6191() {
        TcpOptions ts = DEF.withTimestamps(true);
        TcpHarness t = new TcpHarness();
        t.tcp.listen(80, ts, 8, t.accepted::add);
        t.localPort = 80;
        t.fromPeer(t.seg(SYN).seq(PEER_ISS).options(new TcpOption.Mss(1460), new TcpOption.Timestamps(1000, 0)));
        t.iss = t.sent().seq();
        int oldSndNxt = serverInTimeWait(t, new TcpOption.Timestamps(1001, 0));
        t.fromPeer(t.seg(SYN).seq(PEER_ISS - 5000).options(new TcpOption.Timestamps(900, 0)));   // older TSval: PAWS
        assertThat(t.sent().flags()).isEqualTo(ACK);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_REUSED)).isZero();
        t.advance(SimTime.millis(10));
        t.fromPeer(t.seg(SYN).seq(PEER_ISS - 5000).options(new TcpOption.Mss(1460), new TcpOption.Timestamps(1010, 0)));
        assertSynAckFromNewIncarnation(t, oldSndNxt, PEER_ISS - 5000);
    }

    @Test void timeWait_withoutAListener_aNewSynIsOnlyAcked() {
        TcpHarness t = TcpHarness.established();
        t.socket.close();
        t.sent();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        t.peerNxt++;
        t.sent();
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
        t.fromPeer(t.seg(SYN).seq(t.peerNxt + 100_000));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        assertThat(t.state()).isEqualTo(TcpState.TIME_WAIT);
    }
}
