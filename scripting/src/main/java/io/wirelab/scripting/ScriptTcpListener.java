package io.wirelab.scripting;

import groovy.lang.Closure;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.tcp.TcpListener;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A listening TCP port as scripts use it: {@code def l = srv.tcpListen(7); def c = l.accept()}. */
public final class ScriptTcpListener {
    private final LabFacade lab;
    private final ArrayDeque<TcpSocket> accepted = new ArrayDeque<>();
    private final TcpListener listener;
    private CompletableFuture<Void> arrival = new CompletableFuture<>();
    private Closure<?> handler;

    ScriptTcpListener(TcpLayer tcp, int port, TcpOptions options, LabFacade lab) {
        this.lab = lab;
        this.listener = tcp.listen(port, options, 128, this::arrived);
    }

    private void arrived(TcpSocket s) {
        if (handler != null) lab.tasks().spawn("port " + listener.port() + " handler", handler, new ScriptTcpSocket(s, lab));
        else {
            accepted.add(s);
            arrival.complete(null);
        }
    }

    /** The next connection, running the lab until a client connects (10 s of virtual time at most). */
    public ScriptTcpSocket accept() { return accept(ScriptTcpSocket.DEFAULT_TIMEOUT); }

    /** {@code accept(timeout: 1.min)}: like accept(), waiting at most timeout of virtual time. */
    public ScriptTcpSocket accept(Map<String, ?> options) {
        long timeout = ScriptTcpSocket.DEFAULT_TIMEOUT;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            if (!e.getKey().equals("timeout"))
                throw new IllegalArgumentException("accept has no option '" + e.getKey() + "' (options: timeout)");
            timeout = ScriptTcpSocket.positiveDuration("accept timeout", e.getValue());
        }
        return accept(timeout);
    }

    private ScriptTcpSocket accept(long timeoutNanos) {
        if (handler != null) throw new IllegalStateException("port " + listener.port() + " hands its connections to onAccept");
        while (accepted.isEmpty()) {
            arrival = new CompletableFuture<>();
            lab.await(arrival, timeoutNanos, () -> "no client connected to port " + listener.port());
        }
        return new ScriptTcpSocket(accepted.poll(), lab);
    }

    /**
     * A server in a few lines: each connection, from now on and any already waiting, runs handler as its
     * own task with the connection: {@code srv.tcpListen(7).onAccept { s -> s.send(s.read()); s.close() }}.
     */
    public ScriptTcpListener onAccept(Closure<?> handler) {
        this.handler = handler;
        while (!accepted.isEmpty()) arrived(accepted.poll());
        return this;
    }

    public int getPort() { return listener.port(); }
    public void close() { listener.close(); }

    @Override public String toString() { return "tcp listener on port " + listener.port(); }
}
