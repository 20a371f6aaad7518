package io.wirelab.devices.bulk;

import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpCloseReason;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.tcp.TcpState;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.concurrent.CompletableFuture;

/**
 * The sending half of an iperf-like pair: connects, writes `size` pattern bytes as fast as the
 * send buffer takes them, shuts down its output and completes when the sink closes in turn.
 */
public final class TcpBulkSender {
    private final Simulator sim;
    private final long size;
    private final byte[] chunk = new byte[64 * 1024];
    private final CompletableFuture<TransferResult> result = new CompletableFuture<>();
    private TcpSocket socket;
    private long startedAt;
    private long connectedAt;
    private long written;
    private TcpCloseReason closeReason;

    private TcpBulkSender(Simulator sim, long size) {
        this.sim = sim;
        this.size = size;
    }

    public static CompletableFuture<TransferResult> send(NetworkStack stack, Ipv4Address destination, int port,
                                                         long size, TcpOptions options) {
        if (size < 0) throw new IllegalArgumentException("size must not be negative");
        TcpBulkSender s = new TcpBulkSender(stack.simulator(), size);
        s.startedAt = stack.simulator().now();
        stack.tcp().connect(destination, port, options).whenComplete((sock, err) -> {
            if (err != null) s.result.completeExceptionally(err);
            else s.connected(sock);
        });
        return s.result;
    }

    private void connected(TcpSocket sock) {
        socket = sock;
        connectedAt = sim.now();
        sock.onWritable(this::fill);
        sock.onReadable(this::checkPeerDone);
        sock.onClosed(reason -> {
            closeReason = reason;
            if (!result.isDone()) result.completeExceptionally(new IllegalStateException("connection closed early: " + reason));
        });
        fill();
    }

    private void fill() {
        while (written < size) {
            int n = (int) Math.min(chunk.length, size - written);
            n = Math.min(n, socket.writableBytes());
            if (n <= 0) return;
            BulkPattern.fill(chunk, 0, n, written);
            int accepted = socket.write(chunk, 0, n);
            written += accepted;
            if (accepted < n) return;
        }
        socket.shutdownOutput();
        socket.onWritable(() -> {});
    }

    private void checkPeerDone() {
        byte[] sink = new byte[512];
        for (int n; (n = socket.read(sink, 0, sink.length)) != 0; ) {
            if (n < 0) {
                // read() returns -1 for a timed-out or reset connection too: that is a failure, not the peer's EOF
                if (socket.state() == TcpState.CLOSED && closeReason != TcpCloseReason.NORMAL) {
                    result.completeExceptionally(new IllegalStateException("connection closed early: "
                            + (closeReason == null ? "aborted" : closeReason)));
                    return;
                }
                socket.close();
                result.complete(new TransferResult(written, connectedAt - startedAt, sim.now() - startedAt,
                        socket.info().retransmits(), socket.info(), socket.trace()));
                return;
            }
        }
    }
}
