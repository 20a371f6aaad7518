package io.wirelab.stack.tcp;

import java.util.function.Consumer;

/**
 * A passive OPEN on a port (RFC 9293 §3.10.1). Connections in SYN-RECEIVED count against the
 * backlog; a SYN that finds the backlog full is dropped (counted as LISTEN_OVERFLOW), as on Linux,
 * so the client retransmits it. Established connections are handed to onAccept at once.
 */
public final class TcpListener {
    private final TcpLayer layer;
    private final int port;
    private final TcpOptions options;
    private final int backlog;
    private final Consumer<TcpSocket> onAccept;
    private int halfOpen;
    private long accepted;
    private boolean closed;

    TcpListener(TcpLayer layer, int port, TcpOptions options, int backlog, Consumer<TcpSocket> onAccept) {
        if (backlog < 1) throw new IllegalArgumentException("backlog " + backlog);
        this.layer = layer;
        this.port = port;
        this.options = options;
        this.backlog = backlog;
        this.onAccept = onAccept;
    }

    public int port() { return port; }
    public TcpOptions options() { return options; }
    public int backlog() { return backlog; }
    public int halfOpen() { return halfOpen; }
    public long accepted() { return accepted; }
    public boolean isClosed() { return closed; }

    /** Stops listening. Connections already accepted or half open are not affected. */
    public void close() {
        if (closed) return;
        closed = true;
        layer.removeListener(this);
    }

    boolean backlogFull() { return halfOpen >= backlog; }
    void synReceived() { halfOpen++; }
    void halfOpenGone() { halfOpen--; }

    void established(TcpSocket socket) {
        halfOpen--;
        accepted++;
        onAccept.accept(socket);
    }
}
