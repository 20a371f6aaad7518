package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.TcpOption;
import org.junit.jupiter.api.Test;

import javax.management.JMException;
import javax.management.ObjectName;
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
 * heap they retain after a full collection (MemoryMXBean), the index and the timers included, is divided
 * among them. A record is a slot in TimeWaits' primitive columns: no object of its own, which a heap
 * histogram (jcmd GC.class_histogram) counts, and the arrays at most twice the slots the records fill.
 */
class TimeWaitMemoryTest {
    static final int CONNECTIONS = 20_000;
    static final long BYTES_PER_TIME_WAIT = 1024;
    /** The arrays double: at most twice the slots in use. */
    static final long COLUMN_BYTES_PER_RECORD = 2L * TimeWaits.BYTES_PER_SLOT;
    static final int WARM_UP = 1_000;

    @Test void aConnectionInTimeWait_retainsAtMostOneKilobyte() {
        TcpHarness t = new TcpHarness();
        t.tcp.ephemeralPorts().setRange(10_000, 10_000 + CONNECTIONS - 1);
        TcpOptions opts = TcpOptions.defaults().withTimestamps(true);
        for (int i = 0; i < WARM_UP; i++) toTimeWait(t, opts);   // classes loaded, the layer's first arrays made
        t.advance(SimTime.seconds(61));
        liveObjects();                                         // the histogram's own first-call objects
        long before = retainedHeap();
        long objectsBefore = liveObjects();
        for (int i = 0; i < CONNECTIONS; i++) toTimeWait(t, opts);
        long after = retainedHeap();
        long objectsAfter = liveObjects();
        assertThat(t.tcp.sockets()).hasSize(CONNECTIONS).allMatch(s -> s.state() == TcpState.TIME_WAIT);
        long perConnection = (after - before) / CONNECTIONS;
        long columnBytes = (long) t.tcp.timeWaits().capacity() * TimeWaits.BYTES_PER_SLOT / CONNECTIONS;
        System.out.printf("TIME-WAIT: %d bytes retained per connection, %d of them in the columns (%d bytes per slot, %d slots);"
                + " %d objects retained by %d connections%n", perConnection, columnBytes, TimeWaits.BYTES_PER_SLOT,
                t.tcp.timeWaits().capacity(), objectsAfter - objectsBefore, CONNECTIONS);
        assertThat(perConnection).as("bytes retained per TIME-WAIT connection").isLessThanOrEqualTo(BYTES_PER_TIME_WAIT);
        assertThat(columnBytes).as("bytes of the columns per TIME-WAIT connection").isLessThanOrEqualTo(COLUMN_BYTES_PER_RECORD);
        // none per record: the new arrays and ~100 strings of the run's own output (one object per record would be 20,000)
        assertThat(objectsAfter - objectsBefore).as("objects retained by %d connections in TIME-WAIT", CONNECTIONS)
                .isLessThan(CONNECTIONS / 20);
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

    /** Live objects after a full collection, from the heap histogram's total (jcmd GC.class_histogram). */
    private static long liveObjects() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] total = histogram.strip().lines().reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
            assertThat(total[0]).isEqualTo("Total");
            return Long.parseLong(total[1]);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
