package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.wirelab.stack.tcp.TcpHarness.PEER;
import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.stack.tcp.TcpHarness.PEER_PORT;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * maxTimeWait bounds a layer's TIME-WAIT records as Linux's tcp_max_tw_buckets: past it inet_twsk_alloc
 * fails and tcp_time_wait closes the socket (tcp_done) without TIME-WAIT, counting TCPTimeWaitOverflow.
 */
class TimeWaitBoundTest {
    static final String FULL = "TIME-WAIT table full (tcp_max_tw_buckets)";

    /** connect(), the peer's SYN-ACK, close(): our FIN, the peer's FIN,ACK and our last ACK, which leaves either way. */
    static TcpSocket closedFirst(TcpHarness t, TcpOptions o) {
        var connecting = t.tcp.connect(PEER, PEER_PORT, o);
        var syn = t.sent();
        assertThat(syn.flags()).isEqualTo(SYN);
        t.iss = syn.seq();
        t.localPort = syn.h().sourcePort();
        t.peerNxt = PEER_ISS + 1;
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).options(new TcpOption.Mss(1460)));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        TcpSocket s = connecting.join();
        s.trace();                                                   // handed out, as the report's recorder does
        s.close();
        assertThat(t.sent().has(FIN)).isTrue();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        t.peerNxt++;
        var last = t.sent();
        assertThat(last.flags()).isEqualTo(ACK);
        assertThat(last.ack()).isEqualTo(t.peerNxt);
        t.expectNothingSent();
        return s;
    }

    @Test void twoRecordsAllowed_theThirdClosesWithoutTimeWait_andCountsAnOverflow_linuxTcpMaxTwBuckets() {
        TcpHarness t = new TcpHarness();
        TcpOptions o = TcpOptions.defaults().withMaxTimeWait(2);
        TcpSocket first = closedFirst(t, o), second = closedFirst(t, o);
        assertThat(first.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(second.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isZero();

        TcpSocket third = closedFirst(t, o);
        assertThat(third.state()).isEqualTo(TcpState.CLOSED);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(1);
        assertThat(t.tcp.counters().snapshot()).containsEntry("tcp.time_wait_overflow", 1L);
        assertThat(t.tcp.timeWaitCount()).isEqualTo(2);
        assertThat(t.tcp.connections()).isEmpty();
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::state).containsExactly(TcpState.TIME_WAIT, TcpState.TIME_WAIT);
        assertThat(third.trace().states().getLast()).satisfies(c -> {
            assertThat(c.from()).isEqualTo(TcpState.TIME_WAIT);
            assertThat(c.to()).isEqualTo(TcpState.CLOSED);
            assertThat(c.cause()).isEqualTo(FULL);
            assertThat(c.atNanos()).isEqualTo(t.sim.now());
        });
        assertThat(t.tcp.sockets()).extracting(TcpSocketInfo::localPort).doesNotContain(third.localPort());

        // the 4-tuple is free at once: the peer's FIN again finds no socket and gets a RST (RFC 9293 §3.10.7.1)
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt - 1).ack(t.iss + 2));
        var reset = t.sent();
        assertThat(reset.has(RST)).isTrue();
        assertThat(reset.h().destinationPort()).isEqualTo(PEER_PORT);
        assertThat(reset.h().sourcePort()).isEqualTo(third.localPort());
    }

    @Test void overflowedFourTuple_isReusableAtOnce_whileTheRecordsHoldTheirPorts() {
        TcpHarness t = new TcpHarness();
        t.tcp.ephemeralPorts().setRange(50000, 50002);
        TcpOptions o = TcpOptions.defaults().withMaxTimeWait(2);
        closedFirst(t, o);
        closedFirst(t, o);
        TcpSocket third = closedFirst(t, o);
        var again = t.tcp.connect(PEER, PEER_PORT, o);             // two ports in TIME-WAIT, the third free
        assertThat(again).isNotCompletedExceptionally();
        assertThat(t.sent().h().sourcePort()).isEqualTo(third.localPort());
        assertThat(t.counter(TcpCounters.Event.PORT_EXHAUSTED)).isZero();
    }

    @Test void withoutTheBound_theThirdPortStaysInTimeWait_andAFourthConnectFindsNoPort() {
        TcpHarness t = new TcpHarness();
        t.tcp.ephemeralPorts().setRange(50000, 50002);
        TcpOptions o = TcpOptions.defaults();
        for (int i = 0; i < 3; i++) assertThat(closedFirst(t, o).state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.tcp.connect(PEER, PEER_PORT, o)).isCompletedExceptionally();
        assertThat(t.counter(TcpCounters.Event.PORT_EXHAUSTED)).isEqualTo(1);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isZero();
    }

    @Test void zero_meansNoTimeWaitAtAll_linuxTcpMaxTwBuckets0() {
        TcpHarness t = new TcpHarness();
        TcpOptions o = TcpOptions.defaults().withMaxTimeWait(0);
        for (int i = 1; i <= 3; i++) {
            TcpSocket s = closedFirst(t, o);
            assertThat(s.state()).isEqualTo(TcpState.CLOSED);
            assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(i);
        }
        assertThat(t.tcp.timeWaitCount()).isZero();
        assertThat(t.tcp.sockets()).isEmpty();
        assertThat(t.tcp.timeWaits().capacity()).as("no slot was ever taken").isZero();
    }

    @Test void aRecordLeavingTimeWait_makesRoomAgain() {
        TcpHarness t = new TcpHarness();
        TcpOptions o = TcpOptions.defaults().withMaxTimeWait(1);
        TcpSocket first = closedFirst(t, o);
        assertThat(closedFirst(t, o).state()).isEqualTo(TcpState.CLOSED);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(1);

        t.advance(2 * o.mslNanos());
        assertThat(first.state()).isEqualTo(TcpState.CLOSED);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_EXPIRED)).isEqualTo(1);
        TcpSocket third = closedFirst(t, o);
        assertThat(third.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(1);

        third.abort();                                              // an aborted record frees its place too
        assertThat(closedFirst(t, o).state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(1);
    }

    @Test void theApplicationIsToldOfANormalClose_whetherOrNotARecordFollows() {
        TcpHarness t = new TcpHarness();
        TcpOptions o = TcpOptions.defaults().withMaxTimeWait(0);
        var connecting = t.tcp.connect(PEER, PEER_PORT, o);
        var syn = t.sent();
        t.iss = syn.seq();
        t.localPort = syn.h().sourcePort();
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).options(new TcpOption.Mss(1460)));
        t.sent();
        TcpSocket s = connecting.join();
        List<TcpCloseReason> reasons = new ArrayList<>();
        s.onClosed(reasons::add);
        s.shutdownOutput();
        t.sent();
        t.fromPeer(t.seg(FIN | ACK).seq(t.peerNxt).ack(t.iss + 2));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        assertThat(reasons).containsExactly(TcpCloseReason.NORMAL);
        assertThat(s.state()).isEqualTo(TcpState.CLOSED);
        assertThat(t.counter(TcpCounters.Event.TIME_WAIT_OVERFLOW)).isEqualTo(1);
    }
}
