package io.wirelab.devices.stream;

import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpException;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * ByteStreams over a host's TCP (io.wirelab.stack.tcp): the adapter between applications and the stack.
 * An application reacts to each socket event (connected, accepted, data, end of stream, closed) after
 * the host's reaction time ({@link TcpOptions#appDelayNanos()}), and what it does then leaves in one push
 * ({@link TcpSocket#inOneTurn}): a client does not close within a frame time of the last byte it got, and
 * a server's close() after its response puts the FIN on the response's last segment.
 */
public final class TcpTransport implements StreamConnector, StreamListener {
    private final TcpLayer tcp;
    private final TcpOptions options;

    /** Every connection made or accepted through this transport uses options. */
    public TcpTransport(TcpLayer tcp, TcpOptions options) {
        this.tcp = tcp;
        this.options = options;
    }

    @Override public CompletableFuture<ByteStream> connect(Ipv4Address address, int port) {
        CompletableFuture<ByteStream> f = new CompletableFuture<>();
        Simulator sim = tcp.simulator();
        tcp.connect(address, port, options).whenComplete((s, e) -> {
            if (e == null) {
                TcpByteStream stream = new TcpByteStream(s, sim, options.appDelayNanos());
                stream.react(() -> f.complete(stream));
                return;
            }
            Throwable cause = e.getCause() != null && !(e instanceof TcpException) ? e.getCause() : e;
            StreamException failure = cause instanceof TcpException t
                    ? new StreamException(t.reason().name(), t.getMessage())
                    : new StreamException("ERROR", String.valueOf(cause.getMessage()));
            sim.after(options.appDelayNanos(), () -> f.completeExceptionally(failure));
        });
        return f;
    }

    @Override public void listen(int port, Consumer<ByteStream> onAccept) {
        tcp.listen(port, options, 128, s -> {
            TcpByteStream stream = new TcpByteStream(s, tcp.simulator(), options.appDelayNanos());
            stream.react(() -> onAccept.accept(stream));
        });
    }

    /** A TcpSocket seen as a ByteStream; callbacks run reactionNanos after the event, each as one turn. */
    public static final class TcpByteStream implements ByteStream {
        private final TcpSocket s;
        private final Simulator sim;
        private final long reactionNanos;
        private Runnable readable = () -> {}, writable = () -> {};
        private boolean readPending, writePending;

        public TcpByteStream(TcpSocket s, Simulator sim, long reactionNanos) {
            this.s = s;
            this.sim = sim;
            this.reactionNanos = reactionNanos;
        }

        public TcpSocket socket() { return s; }

        void react(Runnable r) {
            if (reactionNanos == 0) s.inOneTurn(r);
            else sim.after(reactionNanos, () -> s.inOneTurn(r));
        }

        @Override public int write(byte[] b, int off, int len) { return s.write(b, off, len); }
        @Override public int writableBytes() { return s.writableBytes(); }

        @Override public void onWritable(Runnable r) {
            writable = r;
            s.onWritable(() -> {
                if (writePending) return;
                writePending = true;
                react(() -> { writePending = false; writable.run(); });
            });
        }

        @Override public int read(byte[] b, int off, int len) { return s.read(b, off, len); }
        @Override public int readableBytes() { return s.readableBytes(); }

        @Override public void onReadable(Runnable r) {
            readable = r;
            s.onReadable(() -> {
                if (readPending) return;
                readPending = true;
                react(() -> { readPending = false; readable.run(); });
            });
        }

        @Override public void shutdownOutput() { s.shutdownOutput(); }
        @Override public void close() { s.close(); }
        @Override public void abort() { s.abort(); }

        @Override public void onClosed(Consumer<StreamCloseReason> r) {
            s.onClosed(reason -> react(() -> r.accept(switch (reason) {
                case NORMAL -> StreamCloseReason.NORMAL;
                case RESET_BY_PEER -> StreamCloseReason.RESET_BY_PEER;
                case TIMED_OUT -> StreamCloseReason.TIMED_OUT;
                case ABORTED -> StreamCloseReason.ABORTED;
            })));
        }

        @Override public boolean isOpen() {
            return switch (s.state()) {
                case CLOSED, TIME_WAIT -> false;
                default -> true;
            };
        }

        @Override public String localEndpoint() { return s.localAddress() + ":" + s.localPort(); }
        @Override public String remoteEndpoint() { return s.remoteAddress() + ":" + s.remotePort(); }
    }
}
