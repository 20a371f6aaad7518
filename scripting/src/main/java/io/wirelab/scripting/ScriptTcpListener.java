package io.wirelab.scripting;

import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.tcp.TcpListener;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/** A listening TCP port as scripts use it: {@code def l = srv.tcpListen(7); def c = l.accept()}. */
public final class ScriptTcpListener {
    private final LabFacade lab;
    private final ArrayDeque<TcpSocket> accepted = new ArrayDeque<>();
    private final TcpListener listener;
    private CompletableFuture<Void> arrival = new CompletableFuture<>();

    ScriptTcpListener(TcpLayer tcp, int port, TcpOptions options, LabFacade lab) {
        this.lab = lab;
        this.listener = tcp.listen(port, options, 128, s -> { accepted.add(s); arrival.complete(null); });
    }

    /** The next connection, running the lab until a client connects (10 s of virtual time at most). */
    public ScriptTcpSocket accept() {
        while (accepted.isEmpty()) {
            arrival = new CompletableFuture<>();
            lab.await(arrival, ScriptTcpSocket.DEFAULT_TIMEOUT);
        }
        return new ScriptTcpSocket(accepted.poll(), lab);
    }

    public int getPort() { return listener.port(); }
    public void close() { listener.close(); }

    @Override public String toString() { return "tcp listener on port " + listener.port(); }
}
