package io.wirelab.devices.stream;

import io.wirelab.stack.tcp.TcpException;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** ByteStreams over a host's TCP (io.wirelab.stack.tcp): the adapter between applications and the stack. */
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
        tcp.connect(address, port, options).whenComplete((s, e) -> {
            if (e == null) { f.complete(new TcpByteStream(s)); return; }
            Throwable cause = e.getCause() != null && !(e instanceof TcpException) ? e.getCause() : e;
            f.completeExceptionally(cause instanceof TcpException t
                    ? new StreamException(t.reason().name(), t.getMessage())
                    : new StreamException("ERROR", String.valueOf(cause.getMessage())));
        });
        return f;
    }

    @Override public void listen(int port, Consumer<ByteStream> onAccept) {
        tcp.listen(port, options, 128, s -> onAccept.accept(new TcpByteStream(s)));
    }

    /** A TcpSocket seen as a ByteStream. */
    public static final class TcpByteStream implements ByteStream {
        private final TcpSocket s;

        public TcpByteStream(TcpSocket s) { this.s = s; }

        public TcpSocket socket() { return s; }

        @Override public int write(byte[] b, int off, int len) { return s.write(b, off, len); }
        @Override public int writableBytes() { return s.writableBytes(); }
        @Override public void onWritable(Runnable r) { s.onWritable(r); }
        @Override public int read(byte[] b, int off, int len) { return s.read(b, off, len); }
        @Override public int readableBytes() { return s.readableBytes(); }
        @Override public void onReadable(Runnable r) { s.onReadable(r); }
        @Override public void shutdownOutput() { s.shutdownOutput(); }
        @Override public void close() { s.close(); }
        @Override public void abort() { s.abort(); }

        @Override public void onClosed(Consumer<StreamCloseReason> r) {
            s.onClosed(reason -> r.accept(switch (reason) {
                case NORMAL -> StreamCloseReason.NORMAL;
                case RESET_BY_PEER -> StreamCloseReason.RESET_BY_PEER;
                case TIMED_OUT -> StreamCloseReason.TIMED_OUT;
                case ABORTED -> StreamCloseReason.ABORTED;
            }));
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
