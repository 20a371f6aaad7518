package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** After a lost SYN or SYN,ACK: RTO 3 s for data (RFC 6298 (5.7)) and an initial window of one segment (RFC 5681 §3.1). */
class TcpLostSynTest {
    static final long MS = SimTime.MS;
    static final TcpOptions RFC = TcpOptions.defaults().withSack(false).withLinuxWindows(false);   // the RFCs, not tcp_init_transfer

    /** Active open whose first SYN is lost: the retransmitted SYN at 1 s gets the SYN,ACK 10 ms later. */
    static TcpHarness establishedAfterSynRetransmissions(TcpOptions o, int retransmissions, TcpOption... synAckOptions) {
        TcpHarness t = TcpHarness.inSynSent(o);
        for (int i = 0; i < retransmissions; i++) assertThat(t.nextSent(SimTime.seconds(10)).flags()).isEqualTo(SYN);
        t.advance(10 * MS);
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(65535).options(synAckOptions));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        t.socket = t.connecting.join();
        return t;
    }

    @Test void activeOpen_lostSyn_dataStartsWithOneSegment_andRto3s() {
        TcpHarness t = establishedAfterSynRetransmissions(RFC, 1, new TcpOption.Mss(1460));
        assertThat(t.socket.info().rtoNanos()).isEqualTo(SimTime.seconds(3));
        t.write(10 * 1460);
        var first = t.sent();
        assertThat(first.len()).isEqualTo(1460);
        t.expectNothingSent();                                        // IW = 1 segment, not 10
        var again = t.nextSent(SimTime.seconds(10));
        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(again.atNanos() - first.atNanos()).isEqualTo(SimTime.seconds(3));
    }

    @Test void passiveOpen_lostSynAck_dataStartsWithOneSegment_andRto3s() {
        TcpHarness t = TcpHarness.inSynReceived(RFC, 8);
        assertThat(t.nextSent(SimTime.seconds(5)).flags()).isEqualTo(SYN | ACK);
        t.advance(10 * MS);
        t.fromPeer(t.ackOf(t.iss + 1));
        TcpSocket s = t.accepted.getFirst();
        assertThat(s.info().rtoNanos()).isEqualTo(SimTime.seconds(3));
        s.write(new byte[5 * 1460], 0, 5 * 1460);
        var first = t.sent();
        t.expectNothingSent();
        var again = t.nextSent(SimTime.seconds(10));
        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(again.atNanos() - first.atNanos()).isEqualTo(SimTime.seconds(3));
    }

    @Test void noSynLost_initialWindowTenSegments_andRtoFromTheHandshakeRtt() {
        TcpHarness t = establishedAfterSynRetransmissions(RFC, 0, new TcpOption.Mss(1460));
        assertThat(t.socket.info().rtoNanos()).isEqualTo(210 * MS);
        t.write(10 * 1460);
        for (int i = 0; i < 10; i++) assertThat(t.sent().len()).isEqualTo(1460);
    }

    /** Linux tcp_init_transfer cuts cwnd only after more than one SYN retransmission; TSecr still gives an RTT. */
    @Test void linuxProfile_oneLostSyn_keepsTenSegments_twoCutToOne_timestampsGiveTheRtt() {
        TcpOptions linux = TcpProfile.LINUX.options().withSack(false);
        TcpHarness once = TcpHarness.inSynSent(linux);
        var syn2 = once.nextSent(SimTime.seconds(10));
        once.advance(10 * MS);
        int tsval = syn2.h().timestamps().value();              // TSecr echoes the retransmitted SYN
        once.fromPeer(once.seg(SYN | ACK).seq(PEER_ISS).ack(once.iss + 1).window(65535)
                .options(new TcpOption.Mss(1460), new TcpOption.Timestamps(777, tsval)));
        once.sent();
        once.socket = once.connecting.join();
        assertThat(once.socket.info().srttNanos()).isEqualTo(10 * MS);   // RFC 7323 §4.1 from TSecr
        assertThat(once.socket.info().rtoNanos()).isEqualTo(210 * MS);
        once.write(10 * 1448);
        for (int i = 0; i < 10; i++) assertThat(once.sent().len()).isEqualTo(1448);

        TcpHarness twice = establishedAfterSynRetransmissions(linux, 2, new TcpOption.Mss(1460));
        assertThat(twice.socket.info().rtoNanos()).isEqualTo(SimTime.seconds(3));
        twice.write(10 * 1460);
        twice.sent();
        twice.expectNothingSent();
    }
}
