package io.wirelab.scripting;

import io.wirelab.stack.tcp.TcpCloseReason;
import io.wirelab.stack.tcp.TcpInfo;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.tcp.TcpTrace;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP connection as scripts use it, in blocking style: each call runs the lab until it can
 * answer. {@code def c = pc1.tcpConnect('srv', 7); c.send('hi'); println c.read(); c.close()}.
 */
public final class ScriptTcpSocket {
    static final long DEFAULT_TIMEOUT = 10_000_000_000L;

    private final TcpSocket socket;
    private final LabFacade lab;
    private CompletableFuture<Void> wake = new CompletableFuture<>();
    private TcpCloseReason closeReason;

    ScriptTcpSocket(TcpSocket socket, LabFacade lab) {
        this.socket = socket;
        this.lab = lab;
        socket.onReadable(this::wakeUp);
        socket.onWritable(this::wakeUp);
        socket.onClosed(r -> { closeReason = r; wakeUp(); });
    }

    private void wakeUp() { wake.complete(null); }

    private void waitForProgress(long timeoutNanos, String what) {
        wake = new CompletableFuture<>();
        lab.await(wake, timeoutNanos, () -> what + " " + peer() + " (" + socket.state() + ")");
    }

    private String peer() { return socket.remoteAddress() + ":" + socket.remotePort(); }

    /** Writes the text (UTF-8), running the lab while the send buffer is full. */
    public ScriptTcpSocket send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int done = 0;
        while (done < b.length) {
            if (closeReason != null) throw new IllegalStateException("connection closed (" + describe(closeReason) + ")");
            int n = socket.write(b, done, b.length - done);
            done += n;
            if (done < b.length) waitForProgress(DEFAULT_TIMEOUT, "send buffer still full, no ACK from");
        }
        return this;
    }

    /** The bytes available now, or after the lab ran until some arrive (10 s of virtual time at most); null once the peer has closed; fails after a reset. */
    public String read() { return read(DEFAULT_TIMEOUT); }

    /**
     * {@code read(timeout: 2.s)}: like read(), waiting at most timeout of virtual time; then fails with
     * "not done after 2 s of virtual time ...: no data from 10.0.0.2:7000".
     */
    public String read(java.util.Map<String, ?> options) {
        long timeout = DEFAULT_TIMEOUT;
        for (java.util.Map.Entry<String, ?> e : options.entrySet()) {
            if (!e.getKey().equals("timeout"))
                throw new IllegalArgumentException("read has no option '" + e.getKey() + "' (options: timeout)");
            timeout = positiveDuration("read timeout", e.getValue());
        }
        return read(timeout);
    }

    static long positiveDuration(String what, Object v) {
        if (v instanceof VirtualDuration d && d.nanos() > 0) return d.nanos();
        if (v instanceof Number n) throw new IllegalArgumentException(what + " needs a unit, e.g. " + n + ".s or " + n + ".ms");
        throw new IllegalArgumentException(what + ": expected a positive duration like 2.s, got " + v);
    }

    private String read(long timeoutNanos) {
        byte[] buf = new byte[64 * 1024];
        while (true) {
            int n = socket.read(buf, 0, buf.length);
            if (n > 0) return new String(buf, 0, n, StandardCharsets.UTF_8);
            if (n < 0 && closeReason == TcpCloseReason.RESET_BY_PEER)   // ECONNRESET: unread data is gone (RFC 9293 §3.10.7.4)
                throw new IllegalStateException("connection reset by peer (" + peer() + "): data not read before the reset is lost");
            if (n < 0) return null;
            if (closeReason != null) throw new IllegalStateException("connection closed (" + describe(closeReason) + ")");
            waitForProgress(timeoutNanos, "no data from");
        }
    }

    /** Everything until the peer closes its side (FIN). */
    public String readAll() {
        StringBuilder sb = new StringBuilder();
        for (String s = read(); s != null; s = read()) sb.append(s);
        return sb.toString();
    }

    /** Half close: send FIN, keep reading (RFC 9293 §3.6). */
    public void shutdownOutput() { socket.shutdownOutput(); }
    public void close() { socket.close(); }
    /** Abortive close: RST, unsent and unread data discarded. */
    public void abort() { socket.abort(); }

    public String getState() { return socket.state().toString(); }
    public TcpInfo getInfo() { return socket.info(); }
    public TcpTrace getTrace() { return socket.trace(); }
    public int getLocalPort() { return socket.localPort(); }
    public int getRemotePort() { return socket.remotePort(); }
    /** Why the connection reached CLOSED ("connection reset by peer", ...), or null while it lives. */
    public String getCloseReason() { return closeReason == null ? null : describe(closeReason); }

    static String describe(TcpCloseReason r) {
        return switch (r) {
            case NORMAL -> "closed normally";
            case RESET_BY_PEER -> "connection reset by peer";
            case TIMED_OUT -> "connection timed out";
            case ABORTED -> "aborted";
        };
    }

    @Override public String toString() {
        return "tcp " + socket.localAddress() + ":" + socket.localPort() + " > " + socket.remoteAddress() + ":"
                + socket.remotePort() + " " + socket.state();
    }
}
