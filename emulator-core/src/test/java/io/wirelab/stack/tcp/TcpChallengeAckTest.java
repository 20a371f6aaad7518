package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import org.junit.jupiter.api.Test;

import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.RST;
import static org.assertj.core.api.Assertions.assertThat;

class TcpChallengeAckTest {
    /** Issue 11 defect 9: every in-window RST got its own challenge ACK. */
    @Test void challengeAcks_atMostOnePer500ms_rfc5961_7() {
        TcpHarness t = TcpHarness.established(TcpOptions.defaults());
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 10));                 // in window, not exact: challenge ACK
        assertThat(t.sent().flags()).isEqualTo(ACK);
        t.advance(SimTime.millis(100));
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 20));
        t.expectNothingSent();                                       // rate-limited, still dropped and counted
        assertThat(t.drops(TcpDrop.CHALLENGE_ACK)).isEqualTo(2);
        t.advance(SimTime.millis(400));
        t.fromPeer(t.seg(RST).seq(t.peerNxt + 30));
        assertThat(t.sent().flags()).isEqualTo(ACK);
        assertThat(t.state()).isEqualTo(TcpState.ESTABLISHED);
    }
}
