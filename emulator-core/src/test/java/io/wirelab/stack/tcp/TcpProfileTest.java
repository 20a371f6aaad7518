package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** The linux and textbook profiles (LINUX-TCP.md §2-4; RFC 6298, RFC 9293). */
class TcpProfileTest {
    @Test void linux_synCarriesLinuxOptionsInLinuxOrder_window64240_scale7() {
        TcpHarness t = new TcpHarness();
        t.tcp.connect(TcpHarness.PEER, 80, TcpProfile.LINUX.options());
        var syn = t.sent();
        assertThat(syn.h().options()).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Mss", "SackPermitted", "Timestamps", "Nop", "WindowScale");   // 02 04 08 01 03
        assertThat(syn.h().window()).isEqualTo(64240);                   // 44 x 1460
        assertThat(syn.h().windowScale()).isEqualTo(7);
    }

    @Test void linux_synAckWithTimestamps_window65160() {
        TcpHarness t = new TcpHarness();
        t.tcp.listen(80, TcpProfile.LINUX.options(), 8, t.accepted::add);
        t.localPort = 80;
        t.fromPeer(t.seg(SYN).seq(PEER_ISS).window(64240).options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(1, 0), new TcpOption.Nop(), new TcpOption.WindowScale(7)));
        var synAck = t.sent();
        assertThat(synAck.flags()).isEqualTo(SYN | ACK);
        assertThat(synAck.h().window()).isEqualTo(65160);                // 45 x 1448
        assertThat(synAck.h().windowScale()).isEqualTo(7);
    }

    @Test void linux_timeWaitIs60s() {
        assertThat(2 * TcpProfile.LINUX.options().mslNanos()).isEqualTo(SimTime.seconds(60));   // TCP_TIMEWAIT_LEN
    }

    @Test void textbook_rfcValues() {
        TcpOptions o = TcpProfile.TEXTBOOK.options();
        assertThat(o.sack()).isFalse();
        assertThat(o.timestamps()).isFalse();
        assertThat(o.congestion()).isEqualTo(TcpCongestion.NEWRENO);
        assertThat(o.delayedAckMode()).isEqualTo(DelayedAckMode.FIXED);
        assertThat(o.delayedAckNanos()).isEqualTo(SimTime.millis(200));
        assertThat(o.minRtoNanos()).isEqualTo(SimTime.seconds(1));      // RFC 6298 (2.4)
        assertThat(o.mslNanos()).isEqualTo(SimTime.seconds(120));       // TIME-WAIT 4 minutes
        assertThat(o.autotune()).isFalse();
        assertThat(o.linuxWindows()).isFalse();
    }

    @Test void textbook_synHasOnlyMssAndWindowScale_andTheDelayedAckIs200ms() {
        TcpHarness t = TcpHarness.inSynSent(TcpProfile.TEXTBOOK.options());
        assertThat(t.tcp.connections()).isNotEmpty();
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(t.iss + 1).window(65535).options(new TcpOption.Mss(1460)));
        t.sent();
        t.socket = t.connecting.join();
        long t0 = t.sim.now();
        t.peerSends(16, t.iss + 1);
        t.expectNothingSent();                                           // no quick-ACK mode in the book
        assertThat(t.nextSent(SimTime.seconds(1)).atNanos() - t0).isEqualTo(SimTime.millis(200));
    }

    @Test void everySettingOverridesTheProfile() {
        TcpOptions o = TcpProfile.TEXTBOOK.options().withSack(true).withMinRtoNanos(SimTime.millis(300));
        assertThat(o.sack()).isTrue();
        assertThat(o.minRtoNanos()).isEqualTo(SimTime.millis(300));
        assertThat(o.timestamps()).isFalse();
    }
}
