package io.wirelab.stack.tcp;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.function.Consumer;

/**
 * The application's handle on one connection. Non-blocking: write copies what fits in the send
 * buffer, read returns what has arrived. Callbacks run inside the simulation, after the stack has
 * finished processing the event that triggered them, each as one application turn ({@link #inOneTurn}).
 */
public final class TcpSocket {
    private final TcpConnection c;

    TcpSocket(TcpConnection c) { this.c = c; }

    private long now() { return c.layerNow(); }

    /** Bytes of send and receive buffer storage the connection holds now. */
    int bufferStorage() { return c.bufferStorage(); }

    /** Copies up to len bytes into the send buffer and returns how many were taken. */
    public int write(byte[] b, int off, int len) { return c.write(b, off, len, now()); }
    public int write(byte[] b) { return write(b, 0, b.length); }
    public int writableBytes() { return c.writableBytes(); }
    /** Called when acknowledged data frees send-buffer space. */
    public void onWritable(Runnable r) { c.onWritable(r); }

    /** &gt;0 bytes read, 0 nothing yet, -1 end of stream (peer FIN and buffer drained, or reset). */
    public int read(byte[] b, int off, int len) { return c.read(b, off, len, now()); }
    public int read(byte[] b) { return read(b, 0, b.length); }
    public int readableBytes() { return c.readableBytes(); }
    /** Called when new data or the end of stream arrives. */
    public void onReadable(Runnable r) { c.onReadable(r); }

    /**
     * Runs what the application does about one event as callbacks run: its writes and its FIN leave
     * together when it returns, so write() then close() puts the FIN on the last data segment.
     */
    public void inOneTurn(Runnable reaction) { c.inAppTurn(reaction); }

    /** Half close: send FIN after the queued data; reading continues (RFC 9293 §3.10.4). */
    public void shutdownOutput() { c.shutdownOutput(now()); }
    /** Full close: FIN, or RST when unread data remains or linger is 0. */
    public void close() { c.close(now()); }
    /** Abortive close: RST now (RFC 9293 §3.10.5). */
    public void abort() { c.abort(now()); }
    public void onClosed(Consumer<TcpCloseReason> r) { c.onClosed(r); }

    public TcpState state() { return c.state(); }
    public Ipv4Address localAddress() { return c.localAddress; }
    public Ipv4Address remoteAddress() { return c.remoteAddress; }
    public int localPort() { return c.localPort; }
    public int remotePort() { return c.remotePort; }
    public TcpInfo info() { return c.info(); }
    /** State changes and cwnd/ssthresh/rto over time. */
    public TcpTrace trace() { return c.trace(); }
    /** SO_KEEPALIVE: probe an idle connection (RFC 1122 §4.2.3.6) with the socket's times (Linux 7200 s / 75 s / 9). */
    public void setKeepAlive(boolean on) { c.setKeepAlive(c.keepAlive().withEnabled(on), now()); }
    /** SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT. */
    public void setKeepAlive(TcpKeepAlive settings) { c.setKeepAlive(settings, now()); }
    public TcpKeepAlive keepAlive() { return c.keepAlive(); }
    /** TCP_NODELAY: turn Nagle's algorithm off (true) or on. */
    public void setNoDelay(boolean noDelay) { c.setNoDelay(noDelay, now()); }

    @Override public String toString() {
        return "tcp " + c.localAddress + ":" + c.localPort + " > " + c.remoteAddress + ":" + c.remotePort + " " + c.state();
    }
}
