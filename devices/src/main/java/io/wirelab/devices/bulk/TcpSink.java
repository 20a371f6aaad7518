package io.wirelab.devices.bulk;

import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpListener;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * The receiving half of an iperf-like pair: accepts connections on a port, reads everything, checks
 * that the bytes follow the sender's pattern and closes when the peer has finished sending.
 */
public final class TcpSink {
    /** One accepted connection's tally. */
    public static final class Session {
        private final TcpSocket socket;
        private long bytes;
        private long mismatches;
        private boolean finished;

        Session(TcpSocket socket) { this.socket = socket; }

        public TcpSocket socket() { return socket; }
        public long bytes() { return bytes; }
        /** Bytes that differ from the sender's pattern at their position: 0 unless the stack is broken. */
        public long mismatches() { return mismatches; }
        public boolean finished() { return finished; }

        @Override public String toString() { return "session from " + socket.remoteAddress() + ":" + socket.remotePort() + ": " + bytes + " bytes" + (finished ? ", finished" : ""); }
    }

    private final TcpListener listener;
    private final List<Session> sessions = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];

    public TcpSink(NetworkStack stack, int port, TcpOptions options) {
        this.listener = stack.tcp().listen(port, options, 128, this::accept);
    }

    public int port() { return listener.port(); }
    public List<Session> sessions() { return List.copyOf(sessions); }
    public long totalBytes() { return sessions.stream().mapToLong(Session::bytes).sum(); }
    public void close() { listener.close(); }

    private void accept(TcpSocket socket) {
        Session s = new Session(socket);
        sessions.add(s);
        socket.onReadable(() -> drain(s));
        drain(s);
    }

    private void drain(Session s) {
        if (s.finished) return;
        for (int n; (n = s.socket.read(buffer, 0, buffer.length)) != 0; ) {
            if (n < 0) {
                s.finished = true;
                s.socket.close();
                return;
            }
            s.mismatches += BulkPattern.mismatches(buffer, 0, n, s.bytes);
            s.bytes += n;
        }
    }

    @Override public String toString() {
        return "TCP sink on port " + port() + " (" + sessions.size() + (sessions.size() == 1 ? " session, " : " sessions, ") + totalBytes() + " bytes)";
    }
}
