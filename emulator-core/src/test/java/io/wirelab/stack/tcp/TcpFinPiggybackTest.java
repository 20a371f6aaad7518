package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.PSH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 defect 7: a close() that finds data still unsent puts the FIN on the last data segment
 * (Linux tcp_output.c tcp_send_fin), so the peer gets the data and the end of stream together.
 */
class TcpFinPiggybackTest {
    static final TcpOptions DEF = TcpOptions.defaults();

    @Test void writeThenCloseInOneTurn_oneSegmentCarriesDataAndFin() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.inOneTurn(() -> { t.write(300); t.socket.close(); });
        var s = t.sent();
        assertThat(s.flags()).isEqualTo(ACK | PSH | FIN);
        assertThat(s.len()).isEqualTo(300);
        assertThat(s.seq()).isEqualTo(t.iss + 1);
        t.expectNothingSent();
        assertThat(t.state()).isEqualTo(TcpState.FIN_WAIT_1);
    }

    @Test void dataAndFinAreOneSegmentInFlight_soTheTailLossProbeAllowsForADelayedAck_rfc8985_7_2() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.inOneTurn(() -> { t.write(300); t.socket.close(); });
        long sentAt = t.sent().atNanos();
        var probe = t.nextSent(SimTime.seconds(2));
        // Linux tcp_schedule_loss_probe: PTO = 2·SRTT + 200 ms with one segment out; the probe resends it whole
        assertThat(probe.atNanos() - sentAt).isGreaterThanOrEqualTo(SimTime.millis(200));
        assertThat(probe.flags()).isEqualTo(ACK | PSH | FIN);
        assertThat(probe.seq()).isEqualTo(t.iss + 1);
        assertThat(probe.len()).isEqualTo(300);
    }

    @Test void callbackAnswersAndCloses_theFinRidesOnTheResponse() {
        TcpHarness t = TcpHarness.established(DEF);
        byte[] buf = new byte[100];
        t.socket.onReadable(() -> {
            if (t.socket.read(buf) > 0) { t.write(500); t.socket.close(); }
        });
        t.peerSends(100, t.iss + 1);
        // the request may be ACKed at once (quick-ACK at connection start); the response comes with the FIN
        var s = t.sent();
        if (s.len() == 0) { assertThat(s.flags()).isEqualTo(ACK); s = t.sent(); }
        assertThat(s.flags()).isEqualTo(ACK | PSH | FIN);
        assertThat(s.len()).isEqualTo(500);
        assertThat(s.ack()).isEqualTo(PEER_ISS + 1 + 100);
        t.expectNothingSent();
    }

    @Test void writeThenCloseOutsideATurn_theDataHasLeft_soTheFinFollowsAlone() {
        TcpHarness t = TcpHarness.established(DEF);
        t.write(300);
        t.socket.close();
        assertThat(t.sent().flags()).isEqualTo(ACK | PSH);
        var fin = t.sent();
        assertThat(fin.flags()).isEqualTo(ACK | FIN);
        assertThat(fin.len()).isZero();
    }

    @Test void nagleHoldsTheSecondWrite_closePushesItWithTheFin_tcpSendFin() {
        TcpHarness t = TcpHarness.established(DEF);
        t.write(100);
        assertThat(t.sent().len()).isEqualTo(100);
        t.write(50);                                           // RFC 896: held while the first is unacknowledged
        t.expectNothingSent();
        t.socket.close();
        var s = t.sent();
        assertThat(s.flags()).isEqualTo(ACK | PSH | FIN);
        assertThat(s.seq()).isEqualTo(t.iss + 1 + 100);
        assertThat(s.len()).isEqualTo(50);
        t.expectNothingSent();
    }

    @Test void cwndHoldsTheTail_theFinLeavesOnTheLastDataSegment() {
        TcpHarness t = TcpHarness.established(DEF.withInitialWindowSegments(2));
        int mss = t.socket.info().mss();
        t.write(5 * mss);
        t.socket.close();
        assertThat(t.sent().len()).isEqualTo(mss);
        assertThat(t.sent().len()).isEqualTo(mss);
        t.expectNothingSent();                                 // the initial window is used up
        int next = t.iss + 1 + 2 * mss;
        int fins = 0, last = 0;
        for (int round = 0; round < 10 && fins == 0; round++) {
            t.fromPeer(t.ackOf(next));
            while (!t.out.isEmpty()) {
                var s = t.sent();
                assertThat(s.len()).as("no segment without data: %s", s).isPositive();
                next = s.seq() + s.len() + (s.has(FIN) ? 1 : 0);
                if (s.has(FIN)) { fins++; last = s.seq() + s.len(); }
            }
        }
        assertThat(fins).isEqualTo(1);
        assertThat(last).isEqualTo(t.iss + 1 + 5 * mss);
    }

    @Test void shutdownOutputInOneTurn_halfCloseAlsoRidesOnTheData() {
        TcpHarness t = TcpHarness.established(DEF);
        t.socket.inOneTurn(() -> { t.write(40); t.socket.shutdownOutput(); });
        var s = t.sent();
        assertThat(s.flags()).isEqualTo(ACK | PSH | FIN);
        assertThat(s.len()).isEqualTo(40);
        t.peerSends(10, t.iss + 1 + 41);                        // reading continues in FIN-WAIT-2
        assertThat(t.state()).isEqualTo(TcpState.FIN_WAIT_2);
        assertThat(t.socket.readableBytes()).isEqualTo(10);
    }
}
