package io.wirelab.stack.tcp;

import io.wirelab.sim.SimRandom;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.stack.InboundDatagram;
import io.wirelab.stack.IpService;
import io.wirelab.stack.TransportHandler;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The TCP of one host: demultiplexes segments to connections by 4-tuple, answers segments for no
 * connection with RST (RFC 9293 §3.10.7.1), runs passive opens for listeners (§3.10.7.2), picks
 * ephemeral ports and ISNs (RFC 6528). A connection in TIME-WAIT gives its place to a record in TimeWaits
 * (Linux tcp_time_wait) that holds the 4-tuple until 2 MSL end, so it cannot be reused meanwhile.
 */
public final class TcpLayer implements TransportHandler {
    /** The 4-tuple (RFC 9293 §3.4) as address bits and ports. */
    record Key(int localAddress, int localPort, int remoteAddress, int remotePort) {
        // written out, as the record's generated ones (same values) run through method handles, slowly without C2
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.localAddress == localAddress && k.localPort == localPort
                    && k.remoteAddress == remoteAddress && k.remotePort == remotePort;
        }
        @Override public int hashCode() { return ((localAddress * 31 + localPort) * 31 + remoteAddress) * 31 + remotePort; }
    }

    static final int ISN_CLOCK_SHIFT = 6;                      // RFC 6528 §3's timer M ticks every 64 ns, as Linux's seq_scale (net/core/secure_seq.c)

    private final Simulator sim;
    private final IpService ip;
    private final String hostName;
    private final Map<Key, TcpConnection> connections = new LinkedHashMap<>();
    private final TimeWaits timeWaits = new TimeWaits(this);
    private final TreeMap<Integer, TcpListener> listeners = new TreeMap<>();
    private final TcpCounters counters = new TcpCounters();
    private final EphemeralPorts ports;
    private final TcpView view = new TcpView();
    private final List<Consumer<TcpSocket>> connectionObservers = new ArrayList<>();
    private TcpConnection lastFound;                           // the connection of the last segment: most come in runs
    private final long secret0, secret1;                       // SipHash key for ISNs and timestamp offsets (Linux keeps two: net_secret, ts_secret)

    public TcpLayer(Simulator sim, IpService ip, SimRandom random, String hostName) {
        this.sim = sim;
        this.ip = ip;
        this.hostName = hostName;
        byte[] secret = new byte[16];
        random.nextBytes(secret);                              // RFC 6528 §3: secret key per stack
        this.secret0 = littleEndian(secret, 0);
        this.secret1 = littleEndian(secret, 8);
        this.ports = new EphemeralPorts(random);
    }

    public String hostName() { return hostName; }
    public TcpCounters counters() { return counters; }
    public EphemeralPorts ephemeralPorts() { return ports; }

    /** observer gets every connection made from now on, opened or accepted, at its creation (for reports: its TcpTrace outlives it). */
    public void observeConnections(Consumer<TcpSocket> observer) { connectionObservers.add(observer); }
    public Simulator simulator() { return sim; }

    // ---------------------------------------------------------------- application API

    public TcpListener listen(int port, TcpOptions opts, int backlog, Consumer<TcpSocket> onAccept) {
        if (port < 1 || port > 0xffff) throw new IllegalArgumentException("port " + port);
        if (listeners.containsKey(port)) throw new IllegalStateException("port " + port + " is already listening");
        TcpListener l = new TcpListener(this, port, opts, backlog, onAccept);
        listeners.put(port, l);
        return l;
    }

    /** With Linux's socket defaults ({@link TcpOptions#defaults()}); applications of a lab pass their host's settings. */
    public TcpListener listen(int port, Consumer<TcpSocket> onAccept) { return listen(port, TcpOptions.defaults(), 128, onAccept); }

    /** Active OPEN. Fails with TcpException: NO_ROUTE, PORT_EXHAUSTED, REFUSED, TIMED_OUT, RESET. */
    public CompletableFuture<TcpSocket> connect(Ipv4Address dst, int dstPort, TcpOptions opts) {
        CompletableFuture<TcpSocket> f = new CompletableFuture<>();
        Ipv4Address src = ip.sourceFor(dst);
        if (src == null) {
            counters.count(TcpCounters.Event.CONNECT_FAILED);
            f.completeExceptionally(new TcpException(TcpException.Reason.NO_ROUTE, "no route to " + dst));
            return f;
        }
        int port = ports.choose(p -> listeners.containsKey(p)
                || inUse(new Key(src.bits(), p, dst.bits(), dstPort)));
        if (port < 0) {
            counters.count(TcpCounters.Event.PORT_EXHAUSTED);
            counters.count(TcpCounters.Event.CONNECT_FAILED);
            f.completeExceptionally(new TcpException(TcpException.Reason.PORT_EXHAUSTED,
                    "no free local port toward " + dst + ":" + dstPort + " in " + ports.first() + "-" + ports.last()
                            + " (every port is in use or in TIME-WAIT)"));
            return f;
        }
        Key key = new Key(src.bits(), port, dst.bits(), dstPort);
        TcpConnection c = new TcpConnection(this, key, opts, mssToward(dst, opts), null);
        connections.put(key, c);
        for (Consumer<TcpSocket> o : connectionObservers) o.accept(c.socket);
        c.onAppConnect(f, sim.now());
        return f;
    }

    /** With Linux's socket defaults ({@link TcpOptions#defaults()}); applications of a lab pass their host's settings. */
    public CompletableFuture<TcpSocket> connect(Ipv4Address dst, int dstPort) { return connect(dst, dstPort, TcpOptions.defaults()); }

    /** Like `ss -tano`: listeners by port, then connections by 4-tuple, TIME-WAIT included with the time it has left. */
    public List<TcpSocketInfo> sockets() {
        List<TcpSocketInfo> out = new ArrayList<>();
        for (TcpListener l : listeners.values())
            out.add(new TcpSocketInfo(TcpState.LISTEN, 0, 0, Ipv4Address.ANY, l.port(), Ipv4Address.ANY, 0, 0));
        List<TcpSocketInfo> cs = new ArrayList<>(connections.size() + timeWaits.size());
        for (TcpConnection c : connections.values())
            cs.add(new TcpSocketInfo(c.state(), c.readableBytes(), c.sendQueued(), c.localAddress, c.localPort,
                    c.remoteAddress, c.remotePort, 0));
        timeWaits.addSockets(cs, sim.now());
        cs.sort(Comparator.comparing(TcpSocketInfo::localAddress).thenComparingInt(TcpSocketInfo::localPort)
                .thenComparing(TcpSocketInfo::remoteAddress).thenComparingInt(TcpSocketInfo::remotePort));
        out.addAll(cs);
        return out;
    }

    /** Connections in TIME-WAIT, held as records in TimeWaits. */
    int timeWaitCount() { return timeWaits.size(); }

    /** The live sockets (not listeners, not TIME-WAIT, which keeps no socket), in the order they were made. */
    public List<TcpSocket> connections() {
        List<TcpSocket> out = new ArrayList<>();
        for (TcpConnection c : connections.values()) out.add(c.socket);
        return out;
    }

    // ---------------------------------------------------------------- SEGMENT ARRIVES

    @Override
    public void receive(InboundDatagram d, long now) {
        receive(d.source(), d.destination(), d.bytes(), d.payloadOffset(), d.payloadLength(), d.checksumsTrusted(), now);
    }

    /** Connections copy the data they accept (receive buffer, reassembly queue); nothing else keeps the bytes. */
    @Override
    public boolean releasesBytes() { return true; }

    /** bytes[offset, offset + length) is the TCP header and data of a reassembled datagram. */
    public void receive(Ipv4Address source, Ipv4Address destination, byte[] bytes, int offset, int length, long now) {
        receive(source, destination, bytes, offset, length, false, now);
    }

    /** As receive; checksumTrusted: a lab host's TCP computed the checksum and nothing changed the bytes since (Frame). */
    private void receive(Ipv4Address source, Ipv4Address destination, byte[] bytes, int offset, int length,
                         boolean checksumTrusted, long now) {
        counters.count(TcpCounters.Event.RX_SEGMENTS);
        Malformed m = view.wrap(bytes, offset, length).validate();
        if (m != Malformed.NONE) { counters.drop(TcpDrop.MALFORMED, m); return; }
        if (!checksumTrusted && !view.checksumValid(source, destination)) { counters.drop(TcpDrop.BAD_CHECKSUM); return; }   // RFC 9293 §3.1
        if (view.sourcePort() == 0 || view.destinationPort() == 0) { counters.drop(TcpDrop.BAD_PORT); return; }
        TcpHeader seg = TcpHeader.from(view);
        int off = view.payloadOffset();
        int len = view.payloadLength();
        TcpConnection last = lastFound;
        if (last != null && last.key.localAddress() == destination.bits() && last.key.localPort() == seg.destinationPort()
                && last.key.remoteAddress() == source.bits() && last.key.remotePort() == seg.sourcePort()) {
            last.onSegment(seg, bytes, off, len, now);
            return;
        }
        Key key = new Key(destination.bits(), seg.destinationPort(), source.bits(), seg.sourcePort());
        TcpConnection c = connections.get(key);
        if (c != null) { lastFound = c; c.onSegment(seg, bytes, off, len, now); return; }
        TcpListener l = listeners.get(seg.destinationPort());
        int tw = timeWaits.find(key);
        if (tw >= 0 && l != null && timeWaits.acceptsNewSyn(tw, seg, now)) {   // RFC 6191: TIME-WAIT gives way
            int iss = timeWaits.successorIss(tw);
            timeWaits.endForNewSyn(tw, now);
            segmentArrivesListen(l, source, destination, seg, len, iss, now);
            return;
        }
        if (tw >= 0) { timeWaits.onSegment(tw, seg, len, now); return; }
        if (l != null) { segmentArrivesListen(l, source, destination, seg, len, 0, now); return; }
        segmentArrivesClosed(source, destination, seg, len);
    }

    // ---------------------------------------------------------------- ICMP errors

    /**
     * An ICMP error about a datagram we sent (RFC 1122 §4.2.3.9, RFC 5927 §4.1): if it quotes a TCP
     * header of one of our connections, the connection decides (Linux tcp_v4_err).
     */
    public void onIcmpError(Icmpv4Error e, long now) {
        if (!e.originalProtocol().equals(IpProtocol.TCP)) return;
        IcmpErrorKind kind = IcmpErrorKind.of(e.type(), e.code());
        if (kind == null || e.originalTransport().length < 8) { counters.drop(TcpDrop.ICMP_IGNORED); return; }
        Key key = new Key(e.originalSource().bits(), e.originalSourcePort(),
                e.originalDestination().bits(), e.originalDestinationPort());
        TcpConnection c = connections.get(key);
        if (c == null && timeWaits.find(key) >= 0) { timeWaits.onIcmpError(); return; }
        if (c == null) { counters.drop(TcpDrop.ICMP_NO_SOCKET); return; }
        c.onIcmpError(kind, Bytes.i32(e.originalTransport(), 4), e.nextHopMtu(), e.reporter(), now);
    }

    /** RFC 9293 §3.10.7.1: no connection. */
    private void segmentArrivesClosed(Ipv4Address source, Ipv4Address destination, TcpHeader seg, int len) {
        counters.drop(TcpDrop.NO_SOCKET);
        if (seg.rst()) return;                                 // "An incoming segment containing a RST is discarded"
        if (seg.isAck()) {
            sendReset(destination, source, seg.destinationPort(), seg.sourcePort(), seg.ack(), 0, false);   // <SEQ=SEG.ACK><CTL=RST>
        } else {
            int segLen = len + (seg.syn() ? 1 : 0) + (seg.fin() ? 1 : 0);
            sendReset(destination, source, seg.destinationPort(), seg.sourcePort(), 0, seg.seq() + segLen, true);
        }
    }

    /** RFC 9293 §3.10.7.2: LISTEN. iss 0: pick one per RFC 6528; otherwise the one TIME-WAIT handed over. */
    private void segmentArrivesListen(TcpListener l, Ipv4Address source, Ipv4Address destination, TcpHeader seg, int len,
                                      int iss, long now) {
        if (seg.rst()) { counters.drop(TcpDrop.LISTEN_NOT_SYN); return; }   // first: "An incoming RST should be ignored"
        if (seg.isAck()) {                                                   // second: "<SEQ=SEG.ACK><CTL=RST>"
            counters.drop(TcpDrop.LISTEN_NOT_SYN);
            sendReset(destination, source, seg.destinationPort(), seg.sourcePort(), seg.ack(), 0, false);
            return;
        }
        if (!seg.syn()) { counters.drop(TcpDrop.LISTEN_NOT_SYN); return; }  // fourth: "drop the segment"
        if (l.backlogFull()) { counters.drop(TcpDrop.LISTEN_OVERFLOW); return; }   // Linux: drop, the client retries
        Key key = new Key(destination.bits(), seg.destinationPort(), source.bits(), seg.sourcePort());
        TcpConnection c = new TcpConnection(this, key, l.options(), mssToward(source, l.options()), l);
        connections.put(key, c);
        for (Consumer<TcpSocket> o : connectionObservers) o.accept(c.socket);
        c.onPassiveOpen(seg, iss != 0 ? iss : isn(key, now), now);                             // third: SYN -> SYN-RECEIVED (data in a SYN is not queued)
    }

    // ---------------------------------------------------------------- sending

    void transmit(Ipv4Address src, Ipv4Address dst, TcpHeader h, SendQueue data, int dataSeq, int len) {
        int hl = h.length();
        byte[] frame = ip.frameFor(hl + len);
        if (len > 0) data.copy(dataSeq, frame, IpService.HEADROOM + hl, len);
        h.emit(frame, IpService.HEADROOM, src, dst, len);
        counters.count(TcpCounters.Event.TX_SEGMENTS);
        ip.sendInFrame(src, dst, IpProtocol.TCP, frame, hl + len);
    }

    /** A RST: with ack=true it is &lt;SEQ=seq&gt;&lt;ACK=ack&gt;&lt;CTL=RST,ACK&gt;, else &lt;SEQ=seq&gt;&lt;CTL=RST&gt;. */
    void sendReset(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, int seq, int ack, boolean withAck) {
        int flags = TcpFlags.RST | (withAck ? TcpFlags.ACK : 0);
        TcpHeader h = new TcpHeader(srcPort, dstPort, seq, withAck ? ack : 0, flags, 0, 0, List.of());
        counters.count(TcpCounters.Event.TX_RST);
        transmit(src, dst, h, null, 0, 0);
    }

    int mtuToward(Ipv4Address dst) { return ip.mtuToward(dst); }

    void remove(TcpConnection c) {
        connections.remove(c.key, c);
        if (lastFound == c) lastFound = null;
    }

    /** Linux tcp_time_wait: c's record in TimeWaits has taken its place in the table. */
    void enterTimeWait(TcpConnection c) {
        connections.remove(c.key, c);
        if (lastFound == c) lastFound = null;
    }

    /** The connections of this layer in TIME-WAIT. */
    TimeWaits timeWaits() { return timeWaits; }

    private boolean inUse(Key key) { return connections.containsKey(key) || timeWaits.find(key) >= 0; }

    void removeListener(TcpListener l) { listeners.remove(l.port(), l); }

    private int mssToward(Ipv4Address dst, TcpOptions opts) {
        if (opts.mss() > 0) return opts.mss();
        return Math.max(88, ip.mtuToward(dst) - 40);            // RFC 9293 §3.7.1: MTU - 20 (IP) - 20 (TCP)
    }

    /**
     * The offset a connection from localAddress to remoteAddress adds to its timestamp clock (TcpOptions.timestampOffsets),
     * as Linux's secure_tcp_ts_off (net/core/secure_seq.c, tcp_timestamps 1): siphash_2u32(saddr, daddr, ts_secret), of
     * the addresses only, not the ports, so connections between two hosts share one clock and PAWS and TIME-WAIT reuse
     * (RFC 6191) keep working across them.
     */
    int tsOffset(int localAddress, int remoteAddress) {
        return (int) SipHash.hash24(secret0, secret1, addressPair(localAddress, remoteAddress));
    }

    /** (u64)daddr << 32 | saddr, as Linux's siphash_2u32 and siphash_3u32 take them: octets in network order, read little-endian. */
    private static long addressPair(int localAddress, int remoteAddress) {
        return (Integer.reverseBytes(remoteAddress) & 0xffffffffL) << 32 | (Integer.reverseBytes(localAddress) & 0xffffffffL);
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (b[at + i] & 0xff);
        return v;
    }

    /**
     * RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), as Linux's secure_tcp_seq
     * (net/core/secure_seq.c): F = siphash_3u32(saddr, daddr, sport << 16 | dport, net_secret), M = ns >> 6.
     */
    int isn(Key k, long now) {
        int ports = (Short.reverseBytes((short) k.localPort()) & 0xffff) << 16 | (Short.reverseBytes((short) k.remotePort()) & 0xffff);
        int f = (int) SipHash.hash24(secret0, secret1, addressPair(k.localAddress(), k.remoteAddress()), ports);   // ports as addressPair's octets
        return f + (int) (now >> ISN_CLOCK_SHIFT);
    }
}
