package io.wirelab.stack.tcp;

import io.wirelab.sim.Simulator;
import io.wirelab.stack.IpService;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpOption;
import io.wirelab.wire.tcp.TcpView;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One TcpLayer over a fake IpService that captures what it sends. Tests play the peer: fromPeer(...)
 * feeds crafted segments, sent() takes the next segment the stack emitted, advance() moves virtual time.
 */
final class TcpHarness {
    static final Ipv4Address LOCAL = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address PEER = Ipv4Address.parse("10.0.0.2");
    static final int PEER_PORT = 80;
    static final int PEER_ISS = 5000;

    /** A segment the stack sent, with the time it left. */
    record Sent(TcpHeader h, byte[] payload, long atNanos) {
        int seq() { return h.seq(); }
        int ack() { return h.ack(); }
        int flags() { return h.flags(); }
        int len() { return payload.length; }
        boolean has(int f) { return h.has(f); }
        @Override public String toString() { return h.describe(payload.length) + " @" + atNanos; }
    }

    final Simulator sim = new Simulator(42);
    final Deque<Sent> out = new ArrayDeque<>();
    final TcpLayer tcp;
    int mtu = 1500;
    TcpSocket socket;
    CompletableFuture<TcpSocket> connecting;
    final List<TcpSocket> accepted = new ArrayList<>();
    int localPort;
    int iss;               // the stack's ISS
    int peerNxt = PEER_ISS + 1;

    TcpHarness() {
        tcp = new TcpLayer(sim, new IpService() {
            @Override public boolean send(Ipv4Address s, Ipv4Address d, IpProtocol p, byte[] b, int off, int len) {
                TcpView v = new TcpView().wrap(b, off, len);
                assertThat(v.validate()).isEqualTo(Malformed.NONE);
                assertThat(v.checksumValid(s, d)).as("checksum").isTrue();
                out.add(new Sent(TcpHeader.from(v), Arrays.copyOfRange(b, v.payloadOffset(), off + len), sim.now()));
                return true;
            }
            @Override public Ipv4Address sourceFor(Ipv4Address d) { return LOCAL; }
            @Override public int mtuToward(Ipv4Address d) { return mtu; }
            @Override public boolean isLocal(Ipv4Address a) { return a.equals(LOCAL); }
        }, sim.random("test/tcp"), "h1");
    }

    // ------------------------------------------------------------ fixtures

    /** connect() sent a SYN; the SYN has been taken. */
    static TcpHarness inSynSent(TcpOptions o) {
        TcpHarness t = new TcpHarness();
        t.connecting = t.tcp.connect(PEER, PEER_PORT, o);
        Sent syn = t.sent();
        assertThat(syn.flags()).isEqualTo(TcpFlags.SYN);
        t.iss = syn.seq();
        t.localPort = syn.h().sourcePort();
        return t;
    }

    /** Active open completed: SYN, SYN-ACK (MSS 1460, wscale 0, SACK), ACK taken. */
    static TcpHarness established(TcpOptions o) { return established(o, 65535); }

    static TcpHarness established(TcpOptions o, int peerWindow) {
        TcpHarness t = inSynSent(o);
        t.fromPeer(t.seg(TcpFlags.SYN | TcpFlags.ACK).seq(PEER_ISS).ack(t.iss + 1).window(peerWindow)
                .options(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.WindowScale(0)));
        Sent ack = t.sent();
        assertThat(ack.flags()).isEqualTo(TcpFlags.ACK);
        assertThat(ack.ack()).isEqualTo(PEER_ISS + 1);
        assertThat(t.connecting).isCompleted();
        t.socket = t.connecting.join();
        return t;
    }

    static TcpHarness established() { return established(TcpOptions.defaults()); }

    /** A listener on port 80 got a SYN from PEER:40000 and sent SYN-ACK (taken). */
    static TcpHarness inSynReceived(TcpOptions o, int backlog) {
        TcpHarness t = new TcpHarness();
        t.tcp.listen(80, o, backlog, t.accepted::add);
        t.localPort = 80;
        t.fromPeer(t.seg(TcpFlags.SYN).seq(PEER_ISS).window(65535).options(new TcpOption.Mss(1460)));
        Sent synAck = t.sent();
        assertThat(synAck.flags()).isEqualTo(TcpFlags.SYN | TcpFlags.ACK);
        t.iss = synAck.seq();
        return t;
    }

    // ------------------------------------------------------------ vocabulary

    final class SegBuilder {
        int sport = PEER_PORT, dport, seq = peerNxt, ack, flags, window = 65535;
        List<TcpOption> options = List.of();
        byte[] payload = new byte[0];
        SegBuilder(int flags) { this.flags = flags; this.dport = localPort; }
        SegBuilder seq(int v) { seq = v; return this; }
        SegBuilder ack(int v) { ack = v; return this; }
        SegBuilder window(int v) { window = v; return this; }
        SegBuilder ports(int s, int d) { sport = s; dport = d; return this; }
        SegBuilder options(TcpOption... o) { options = List.of(o); return this; }
        SegBuilder payload(byte[] p) { payload = p; return this; }
        SegBuilder payload(int n) { payload = new byte[n]; Arrays.fill(payload, (byte) 'x'); return this; }
    }

    SegBuilder seg(int flags) { return new SegBuilder(flags); }

    /** An ACK from the peer at peerNxt acknowledging ack. */
    SegBuilder ackOf(int ack) { return seg(TcpFlags.ACK).ack(ack); }

    void fromPeer(SegBuilder s) {
        TcpHeader h = new TcpHeader(s.sport, s.dport, s.seq, s.ack, s.flags, s.window, 0, s.options);
        byte[] b = new byte[h.length() + s.payload.length];
        h.emit(b, 0, PEER, LOCAL, s.payload, 0, s.payload.length);
        tcp.receive(PEER, LOCAL, b, 0, b.length, sim.now());
    }

    /** Peer data at peerNxt, advancing peerNxt. */
    void peerSends(int len, int ackOfLocal) {
        fromPeer(seg(TcpFlags.ACK | TcpFlags.PSH).seq(peerNxt).ack(ackOfLocal).payload(len));
        peerNxt += len;
    }

    Sent sent() {
        assertThat(out).as("expected a segment").isNotEmpty();
        return out.poll();
    }

    void expectNothingSent() { assertThat(out).as("nothing sent").isEmpty(); }

    void advance(long nanos) { sim.runFor(nanos); }

    /** Runs until the next segment leaves (or the limit passes) and returns it. */
    Sent nextSent(long limitNanos) {
        sim.runUntil(() -> !out.isEmpty(), limitNanos);
        return sent();
    }

    int write(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'a');
        return socket.write(b, 0, n);
    }

    TcpState state() { return socket.state(); }
    long counter(TcpCounters.Event e) { return tcp.counters().get(e); }
    long drops(TcpDrop d) { return tcp.counters().get(d); }
}
