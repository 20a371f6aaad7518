package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;

import static io.wirelab.stack.tcp.TcpHarness.PEER;
import static io.wirelab.stack.tcp.TcpHarness.PEER_ISS;
import static io.wirelab.stack.tcp.TcpHarness.PEER_PORT;
import static io.wirelab.wire.tcp.TcpFlags.ACK;
import static io.wirelab.wire.tcp.TcpFlags.FIN;
import static io.wirelab.wire.tcp.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: a connection in TIME-WAIT holds no buffers, at most 1 KB (state, 4-tuple, timer). 20,000
 * connections with timestamps and SACK are brought to TIME-WAIT and the application lets go of them; the
 * heap they retain after a full collection (MemoryMXBean), the table entry and the timer's event included,
 * is divided among them.
 */
class TimeWaitMemoryTest {
    static final int CONNECTIONS = 20_000;
    static final long BYTES_PER_TIME_WAIT = 1024;

    @Test void aConnectionInTimeWait_retainsAtMostOneKilobyte() {
        TcpHarness t = new TcpHarness();
        t.tcp.ephemeralPorts().setRange(10_000, 10_000 + CONNECTIONS - 1);
        TcpOptions opts = TcpOptions.defaults().withTimestamps(true);
        long before = retainedHeap();
        for (int i = 0; i < CONNECTIONS; i++) toTimeWait(t, opts);
        long after = retainedHeap();
        assertThat(t.tcp.sockets()).hasSize(CONNECTIONS).allMatch(s -> s.state() == TcpState.TIME_WAIT);
        long perConnection = (after - before) / CONNECTIONS;
        System.out.printf("TIME-WAIT: %d bytes retained per connection (%d connections)%n", perConnection, CONNECTIONS);
        assertThat(perConnection).as("bytes retained per TIME-WAIT connection").isLessThanOrEqualTo(BYTES_PER_TIME_WAIT);
        t.advance(SimTime.seconds(61));
        assertThat(t.tcp.sockets()).isEmpty();
    }

    /** connect, the peer's SYN-ACK, close, the peer's FIN: the client holds TIME-WAIT; nothing else keeps the socket. */
    private static void toTimeWait(TcpHarness t, TcpOptions opts) {
        CompletableFuture<TcpSocket> connecting = t.tcp.connect(PEER, PEER_PORT, opts);
        TcpHarness.Sent syn = t.sent();
        t.localPort = syn.h().sourcePort();
        int iss = syn.seq();
        t.fromPeer(t.seg(SYN | ACK).seq(PEER_ISS).ack(iss + 1).options(new TcpOption.Mss(1460),
                new TcpOption.SackPermitted(), new TcpOption.Timestamps(100, 0), new TcpOption.WindowScale(7)));
        TcpSocket s = connecting.join();
        s.shutdownOutput();
        t.fromPeer(t.seg(FIN | ACK).seq(PEER_ISS + 1).ack(iss + 2).options(new TcpOption.Timestamps(101, 1)));
        assertThat(s.state()).isEqualTo(TcpState.TIME_WAIT);
        t.out.clear();
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
