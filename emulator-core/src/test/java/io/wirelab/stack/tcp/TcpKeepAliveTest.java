package io.wirelab.stack.tcp;

import io.wirelab.link.FrameTap;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.wirelab.stack.tcp.TcpOverLinkTest.IP_B;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive (RFC 1122 §4.2.3.6) with Linux's timing (tcp_keepalive_timer): crafted peers, then two stacks. */
class TcpKeepAliveTest {
    static final long S = SimTime.SECOND;
    static final TcpOptions ON = TcpOptions.defaults().withKeepAlive(TcpKeepAlive.LINUX.withEnabled(true));

    @Test void offByDefault_anIdleConnectionSendsNothing_rfc1122_4_2_3_6() {
        TcpHarness t = TcpHarness.established();
        t.advance(10 * 3600 * S);
        t.expectNothingSent();
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test void on_probesAfter7200sWithSndUnaMinusOne_andAnAnswerRestartsTheIdleClock_linux() {
        TcpHarness t = TcpHarness.established(ON);
        var probe = t.nextSent(3 * 3600 * S);
        assertThat(probe.atNanos()).isEqualTo(7200 * S);
        assertThat(probe.flags()).isEqualTo(ACK);
        assertThat(probe.seq()).isEqualTo(t.iss);                   // SND.UNA - 1: the peer must answer with an ACK
        assertThat(probe.len()).isZero();
        t.fromPeer(t.ackOf(t.iss + 1));
        assertThat(t.nextSent(3 * 3600 * S).atNanos()).isEqualTo(2 * 7200 * S);
        assertThat(t.counter(TcpCounters.Event.TX_KEEPALIVE_PROBE)).isEqualTo(2);
    }

    @Test void on_nineUnansweredProbes75sApart_thenRstAndTimedOut_linux() {
        TcpHarness t = TcpHarness.established(ON);
        TcpCloseReason[] closed = new TcpCloseReason[1];
        t.socket.onClosed(r -> closed[0] = r);
        List<Long> probes = new ArrayList<>();
        for (int i = 0; i < 9; i++) probes.add(t.nextSent(3 * 3600 * S).atNanos() / S);
        assertThat(probes).containsExactly(7200L, 7275L, 7350L, 7425L, 7500L, 7575L, 7650L, 7725L, 7800L);
        var rst = t.nextSent(3600 * S);
        assertThat(rst.atNanos()).isEqualTo(7875 * S);
        assertThat(rst.flags()).isEqualTo(RST | ACK);
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
        assertThat(closed[0]).isEqualTo(TcpCloseReason.TIMED_OUT);
    }

    @Test void setOnASocket_withItsOwnTimes_startsTheIdleClockThen_tcpKeepidleIntvlCnt() {
        TcpHarness t = TcpHarness.established();
        t.advance(100 * S);
        t.socket.setKeepAlive(new TcpKeepAlive(true, 10 * S, S, 3));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) times.add(t.nextSent(60 * S).atNanos() / S);
        assertThat(times).containsExactly(110L, 111L, 112L, 113L);   // three probes, then the RST
        assertThat(t.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test void dataInFlight_isLeftToTheRetransmissionTimer_noProbe() {
        TcpHarness t = TcpHarness.established(ON.withMaxRetries(15));
        t.socket.setKeepAlive(new TcpKeepAlive(true, 10 * S, S, 3));
        t.write(100);
        t.sent();
        t.advance(20 * S);
        assertThat(t.counter(TcpCounters.Event.TX_KEEPALIVE_PROBE)).isZero();
        assertThat(t.counter(TcpCounters.Event.TX_RETRANSMIT)).isPositive();
    }

    @Test void twoStacks_theProbeIsAnsweredByTheWirelabPeer_andTheConnectionLives() {
        TcpOverLinkTest.Net t = new TcpOverLinkTest.Net(4, LinkParams.DEFAULT.withDelay(SimTime.millis(1)));
        List<String> wire = new ArrayList<>();
        t.pa.addTap((port, dir, frame, now) -> wire.add(dir + " " + io.wirelab.wire.PacketPrinter.print(frame)));
        t.b.tcp().listen(5001, s -> {});
        CompletableFuture<TcpSocket> f = t.a.tcp().connect(IP_B, 5001);
        t.sim.runUntil(f, 5 * S);
        TcpSocket a = f.join();
        a.setKeepAlive(new TcpKeepAlive(true, 60 * S, 5 * S, 2));
        wire.clear();
        t.sim.runFor(200 * S);
        assertThat(a.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(t.a.tcp().counters().get(TcpCounters.Event.TX_KEEPALIVE_PROBE)).isEqualTo(3);   // at 60, 120, 180 s
        assertThat(wire.stream().filter(l -> l.startsWith(FrameTap.Direction.INBOUND.name()) && l.contains("Flags [.]"))).hasSize(3);
    }
}
