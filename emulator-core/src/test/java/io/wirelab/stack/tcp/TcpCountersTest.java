package io.wirelab.stack.tcp;

import io.wirelab.stack.DropReason;
import io.wirelab.wire.Malformed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TcpCountersTest {
    @Test void truncatedSegment_countsMalformedWithTheParsersReason() {
        TcpHarness t = new TcpHarness();
        byte[] b = new byte[12];                                   // below the 20-byte fixed header
        t.tcp.receive(TcpHarness.PEER, TcpHarness.LOCAL, b, 0, b.length, t.sim.now());
        assertThat(t.drops(TcpDrop.MALFORMED)).isEqualTo(1);
        assertThat(t.tcp.counters().malformed(Malformed.TRUNCATED)).isEqualTo(1);
        assertThat(t.tcp.counters().snapshot())
                .containsEntry("tcp.rx.drop.malformed", 1L)
                .containsEntry("tcp.rx.drop.malformed.truncated", 1L);
        t.expectNothingSent();
    }

    @Test void dataOffsetBelowFive_isBadHeaderLength() {                // RFC 9293 §3.1 Data Offset
        TcpHarness t = new TcpHarness();
        byte[] b = new byte[20];
        b[12] = 0x40;                                              // data offset 4 words
        t.tcp.receive(TcpHarness.PEER, TcpHarness.LOCAL, b, 0, b.length, t.sim.now());
        assertThat(t.tcp.counters().malformed(Malformed.BAD_HEADER_LENGTH)).isEqualTo(1);
        assertThat(t.tcp.counters().malformed(Malformed.TRUNCATED)).isZero();
    }

    @Test void dropsAreDropReasonsOfLayerTcp() {
        DropReason r = TcpDrop.UNACCEPTABLE_ACK;
        assertThat(r.layer()).isEqualTo("tcp");
        assertThat(r.counterName()).isEqualTo("tcp.rx.drop.unacceptable_ack");
        assertThat(TcpCounters.Event.TX_FAST_RETRANSMIT.counterName()).isEqualTo("tcp.tx.fast_retransmit");
        assertThat(TcpCounters.Event.ACTIVE_OPENS.counterName()).isEqualTo("tcp.active_opens");
    }

    @Test void snapshot_listsEventsThenDropsInDeclarationOrder() {
        TcpCounters c = new TcpCounters();
        c.drop(TcpDrop.NO_SOCKET);
        c.count(TcpCounters.Event.TIMEOUTS);
        c.count(TcpCounters.Event.RX_SEGMENTS);
        c.count(TcpCounters.Event.RX_SEGMENTS);
        assertThat(c.snapshot().keySet()).containsExactly("tcp.rx.segments", "tcp.timeouts", "tcp.rx.drop.no_socket");
        assertThat(c.snapshot().get("tcp.rx.segments")).isEqualTo(2L);
        assertThat(c.totalDrops()).isEqualTo(1);
    }
}
