package io.wirelab.devices.dns;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Timer;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpCloseReason;
import io.wirelab.stack.tcp.TcpListener;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.dns.DnsHeader;
import io.wirelab.wire.dns.DnsMalformed;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.dns.DnsName;
import io.wirelab.wire.dns.DnsQuestion;
import io.wirelab.wire.dns.DnsRcode;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.dns.DnsTcpFraming;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SequencedMap;

/**
 * An authoritative-only DNS server (RFC 1034 §4.3.2 without recursion) on UDP and TCP port 53.
 * Answers carry AA; foreign names get REFUSED; answers larger than the UDP limit are truncated with
 * TC. Over TCP (RFC 7766) a connection carries any number of length-prefixed queries, answered in
 * order, and is closed after idleTimeout without a query.
 */
public final class DnsServer {
    static final int MAX_CNAME_CHAIN = 8;
    static final int EDNS_PAYLOAD = 1232;   // the size dnsmasq and BIND advertise (DNS flag day 2020)
    /** RFC 7766 §6.2.3: servers close idle connections; BIND and Unbound wait some seconds. */
    public static final long DEFAULT_TCP_IDLE_NANOS = SimTime.seconds(10);

    private final NetworkStack stack;
    private final TcpOptions tcp;
    private final List<Zone> zones = new ArrayList<>();
    private final Counters<DnsServerCounter> counts = Counters.of(DnsServerCounter.class);
    private final Counters<DnsMalformed> malformed = Counters.prefixed(DnsMalformed.class, "dns.rx.drop.");
    private final CounterGroup counters = new CounterGroup(counts, malformed);
    private final List<TcpSession> sessions = new ArrayList<>();
    private UdpSocket socket;
    private TcpListener listener;
    private long tcpIdleNanos = DEFAULT_TCP_IDLE_NANOS;

    /** tcp: the settings of the server's TCP connections (the host's, in a lab). */
    public DnsServer(NetworkStack stack, TcpOptions tcp) {
        this.stack = stack;
        this.tcp = tcp;
    }

    /** How long a TCP connection may stay without a query before the server closes it. */
    public DnsServer tcpIdleTimeout(long nanos) {
        if (nanos <= 0) throw new IllegalArgumentException("idle timeout must be positive");
        tcpIdleNanos = nanos;
        return this;
    }

    /** TCP connections open right now. */
    public int tcpConnections() { return sessions.size(); }

    public DnsServer addZone(Zone z) { zones.add(z); return this; }
    public List<Zone> zones() { return List.copyOf(zones); }

    public DnsServer start() {
        if (socket == null) socket = stack.udp().bind(Ipv4Address.ANY, DnsMessage.PORT, this::receive);
        if (listener == null) listener = stack.tcp().listen(DnsMessage.PORT, tcp, 128, this::accept);   // RFC 7766 §5: TCP is mandatory
        return this;
    }

    /** Stops both transports; open TCP connections are closed. */
    public void stop() {
        if (socket != null) socket.close();
        socket = null;
        if (listener != null) listener.close();
        listener = null;
        for (TcpSession t : List.copyOf(sessions)) t.close();
    }

    /** Non-zero counters like dns.rx.query, dns.tx.nxdomain, dns.rx.drop.truncated. */
    public SequencedMap<String, Long> counters() { return counters.snapshot(); }
    /** One counter by name; IllegalArgumentException for a name this server does not count. */
    public long counter(String name) { return counters.get(name); }
    public long counter(DnsServerCounter c) { return counts.get(c); }
    private void count(DnsServerCounter c) { counts.count(c); }

    void receive(UdpDatagram d, long now) {
        byte[] out = respond(d.data(), true);
        if (out != null) count(socket.sendTo(d.source(), d.sourcePort(), out) ? DnsServerCounter.TX_RESPONSE : DnsServerCounter.TX_FAIL);
    }

    private void accept(TcpSocket s) {
        count(DnsServerCounter.TCP_ACCEPT);
        TcpSession t = new TcpSession(s);
        sessions.add(t);
        t.readable();
    }

    /** One TCP connection: framing in, responses queued in order, idle timer (RFC 7766 §6.2). */
    private final class TcpSession {
        final TcpSocket socket;
        final DnsTcpFraming framing = new DnsTcpFraming();
        final ArrayDeque<byte[]> out = new ArrayDeque<>();
        final Timer idle;
        final byte[] buf = new byte[4096];
        int outAt;
        boolean peerDone;
        boolean closed;

        TcpSession(TcpSocket socket) {
            this.socket = socket;
            socket.setNoDelay(true);   // answers to pipelined queries go out at once, not behind Nagle (RFC 7766 §6.2.1.1)
            this.idle = stack.simulator().newTimer(now -> { count(DnsServerCounter.TCP_IDLE_CLOSE); close(); });
            idle.setDeadline(stack.simulator().now() + tcpIdleNanos);
            socket.onReadable(this::readable);
            socket.onWritable(this::flush);
            socket.onClosed(this::closed);
        }

        void readable() {
            if (closed) return;
            int n;
            while ((n = socket.read(buf, 0, buf.length)) > 0) {
                for (byte[] q : framing.feed(buf, 0, n)) {
                    count(DnsServerCounter.RX_TCP);
                    byte[] r = respond(q, false);
                    if (r != null) out.add(DnsTcpFraming.frame(r));
                }
            }
            if (n < 0) peerDone = true;
            idle.setDeadline(stack.simulator().now() + tcpIdleNanos);
            flush();
        }

        void flush() {
            while (!closed && !out.isEmpty()) {
                byte[] head = out.peekFirst();
                int w = socket.write(head, outAt, head.length - outAt);
                outAt += w;
                if (outAt < head.length) return;   // the rest goes on onWritable
                out.pollFirst();
                outAt = 0;
                count(DnsServerCounter.TX_RESPONSE_TCP);
            }
            // RFC 7766 §6.2.3: the client closed its side and every answer is out
            if (peerDone && !closed) close();
        }

        void close() {
            if (closed) return;
            closed = true;
            idle.cancel();
            sessions.remove(this);
            socket.close();
        }

        void closed(TcpCloseReason r) {
            if (closed) return;
            closed = true;
            idle.cancel();
            sessions.remove(this);
        }
    }

    /** The wire response to one query, or null when none is due. udp applies the RFC 1035 §4.2.1 size limit. */
    public byte[] respond(byte[] query, boolean udp) {
        DnsMessage.Parsed p = DnsMessage.parse(query);
        if (!p.ok()) {
            malformed.count(p.reason());
            // RFC 1035 §4.1.1: FORMERR when the header is readable and it is a query
            if (query.length < DnsHeader.LENGTH || (Bytes.u16(query, 2) & DnsHeader.QR) != 0) return null;
            DnsHeader h = new DnsHeader(Bytes.u16(query, 0), (Bytes.u16(query, 2) & 0x7900) | DnsHeader.QR).withRcode(DnsRcode.FORMERR);
            return new DnsMessage(h, List.of(), List.of(), List.of(), List.of()).encode();
        }
        DnsMessage q = p.message();
        if (q.header().qr()) { count(DnsServerCounter.RX_DROP_RESPONSE); return null; }
        count(DnsServerCounter.RX_QUERY);
        DnsMessage r = answer(q);
        byte[] bytes = r.encode();
        int limit = !udp ? 0xffff : q.opt() == null ? DnsMessage.UDP_LIMIT : Math.max(DnsMessage.UDP_LIMIT, Math.min(q.opt().rrClass(), EDNS_PAYLOAD));
        if (bytes.length > limit) {
            // RFC 1035 §4.2.1 / RFC 2181 §9: set TC and send what fits; we keep only the question (and OPT)
            count(DnsServerCounter.TX_TRUNCATED);
            bytes = new DnsMessage(r.header().with(DnsHeader.TC, true), r.questions(), List.of(), List.of(), r.additionals().stream()
                    .filter(x -> x.type().equals(DnsRecordType.OPT)).toList()).encode();
        }
        return bytes;
    }

    /** RFC 1034 §4.3.2 steps 1-3 for authoritative data only. */
    public DnsMessage answer(DnsMessage q) {
        int flags = DnsHeader.QR | (q.header().flags() & DnsHeader.RD) | (q.header().opcode() << 11);
        List<DnsRecord> additional = q.opt() != null ? List.of(DnsRecord.opt(EDNS_PAYLOAD)) : List.of();   // RFC 6891 §6.1.1
        DnsHeader h = new DnsHeader(q.header().id(), flags);
        if (q.header().opcode() != 0) return reply(h.withRcode(DnsRcode.NOTIMP), q, List.of(), List.of(), additional);
        if (q.questions().size() != 1) return reply(h.withRcode(DnsRcode.FORMERR), q, List.of(), List.of(), additional);
        DnsQuestion question = q.questions().getFirst();
        Zone zone = zoneFor(question.name());
        if (zone == null || question.qclass() != DnsQuestion.CLASS_IN) {
            count(DnsServerCounter.TX_REFUSED);
            return reply(h.withRcode(DnsRcode.REFUSED), q, List.of(), List.of(), additional);
        }
        h = h.with(DnsHeader.AA, true);
        List<DnsRecord> answers = new ArrayList<>();
        DnsName name = question.name();
        for (int hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
            List<DnsRecord> direct = zone.lookup(name, question.type());
            if (!direct.isEmpty()) {
                for (DnsRecord r : direct) answers.add(r.withName(name));   // owner name in the case asked (RFC 4343 §4.1)
                return reply(h, q, answers, zone.lookup(zone.origin(), DnsRecordType.NS), additional);
            }
            List<DnsRecord> cname = zone.lookup(name, DnsRecordType.CNAME);
            if (!cname.isEmpty() && !question.type().equals(DnsRecordType.CNAME)) {
                // RFC 1034 §4.3.2 step 3a: restart at the canonical name, inside this zone only
                DnsRecord c = cname.getFirst().withName(name);
                answers.add(c);
                name = ((DnsRdata.Cname) c.data()).target();
                if (!name.isSubdomainOf(zone.origin())) return reply(h, q, answers, List.of(), additional);
                continue;
            }
            // RFC 2308 §2.1 / §2.2: NXDOMAIN or NODATA, SOA in authority with TTL min(SOA TTL, MINIMUM)
            DnsRdata.Soa soa = (DnsRdata.Soa) zone.soa().data();
            DnsRecord neg = zone.soa().withTtl(Math.min(zone.soa().ttl(), soa.minimum()));
            if (zone.exists(name)) { count(DnsServerCounter.TX_NODATA); return reply(h, q, answers, List.of(neg), additional); }
            count(DnsServerCounter.TX_NXDOMAIN);
            return reply(h.withRcode(DnsRcode.NXDOMAIN), q, answers, List.of(neg), additional);
        }
        return reply(h.withRcode(DnsRcode.SERVFAIL), q, answers, List.of(), additional);
    }

    private static DnsMessage reply(DnsHeader h, DnsMessage q, List<DnsRecord> an, List<DnsRecord> ns, List<DnsRecord> ar) {
        return new DnsMessage(h, q.questions(), an, ns, ar);
    }

    /** The zone with the longest origin containing name. */
    Zone zoneFor(DnsName name) {
        Zone best = null;
        for (Zone z : zones)
            if (name.isSubdomainOf(z.origin()) && (best == null || z.origin().labels().size() > best.origin().labels().size())) best = z;
        return best;
    }
}
