package io.wirelab.devices.dns.resolver;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A stub resolver (RFC 1034 §5.3.1): static hosts first, then a TTL cache in virtual time with
 * negative caching (RFC 2308 §5), then queries with RD set to the configured servers in turn,
 * each try waiting timeoutNanos, attempts rounds. Names with fewer than ndots dots try the search list first.
 * A truncated UDP answer (TC) is asked again over TCP to the same server (RFC 7766 §5, RFC 1035 §4.2.2).
 */
public final class StubResolver {
    private final NetworkStack stack;
    private final TcpOptions tcpOptions;
    private final Simulator sim;
    private final SimRandom random;
    private final Map<String, Ipv4Address> hosts = new TreeMap<>();
    private final Map<String, CacheEntry> cache = new HashMap<>();   // looked up only, never iterated
    private final Counters<ResolverCounter> counts = Counters.of(ResolverCounter.class);
    private final Counters<DnsMalformed> malformed = Counters.prefixed(DnsMalformed.class, "resolver.rx.drop.");
    private final CounterGroup counters = new CounterGroup(counts, malformed);
    private ResolverConfig config;

    private record CacheEntry(DnsAnswer answer, long storedAtNanos, long expiresAtNanos) {}

    /** tcpOptions: the settings of the connections that ask again over TCP after a truncated answer (the host's, in a lab). */
    public StubResolver(NetworkStack stack, ResolverConfig config, TcpOptions tcpOptions) {
        this.stack = stack;
        this.tcpOptions = tcpOptions;
        this.sim = stack.simulator();
        this.random = sim.random("dns-resolver/" + stack.hostName());
        this.config = config;
    }

    public ResolverConfig config() { return config; }
    public void setConfig(ResolverConfig c) { this.config = c; }

    /** An /etc/hosts entry; it wins over DNS. */
    public void addHost(String name, Ipv4Address a) { hosts.put(DnsName.of(name).key(), a); }

    /** Takes nameservers and the search domain from every lease the client binds (RFC 2132 §3.8, §3.17). */
    public void useDhcp(DhcpClient client) {
        client.onLease(l -> {
            config = config.withServers(l.dnsServers());
            if (l.domainName() != null && !l.domainName().isEmpty()) config = config.withSearch(List.of(l.domainName()));
        });
    }

    /** Non-zero counters like resolver.cache.hit, resolver.tx.query, resolver.rx.drop.mismatch. */
    public SequencedMap<String, Long> counters() { return counters.snapshot(); }
    /** One counter by name; IllegalArgumentException for a name this resolver does not count. */
    public long counter(String name) { return counters.get(name); }
    public long counter(ResolverCounter c) { return counts.get(c); }
    private void count(ResolverCounter c) { counts.count(c); }

    public void flushCache() { cache.clear(); }

    /** The IPv4 addresses of name (A records, CNAMEs followed by the server). */
    public CompletableFuture<List<Ipv4Address>> resolve(String name) {
        return query(name, DnsRecordType.A).thenApply(DnsAnswer::addresses);
    }

    /** Looks name up with the search list; fails with ResolveException when no candidate has data. */
    public CompletableFuture<DnsAnswer> query(String name, DnsRecordType type) { return query(name, type, true); }

    /** With useCache false the servers are asked like nslookup(1) does: no hosts entries, no cache read or written. */
    public CompletableFuture<DnsAnswer> query(String name, DnsRecordType type, boolean useCache) {
        List<DnsName> candidates = candidates(name);
        CompletableFuture<DnsAnswer> result = new CompletableFuture<>();
        next(candidates, 0, type, useCache, result, null);
        return result;
    }

    List<DnsName> candidates(String name) {
        if (name.endsWith(".")) return List.of(DnsName.of(name));
        DnsName n = DnsName.of(name);
        List<DnsName> searched = new ArrayList<>();
        for (String s : config.search()) searched.add(n.append(DnsName.of(s)));
        List<DnsName> out = new ArrayList<>();
        if (n.labels().size() - 1 >= config.ndots()) { out.add(n); out.addAll(searched); }
        else { out.addAll(searched); out.add(n); }
        return out;
    }

    private void next(List<DnsName> candidates, int i, DnsRecordType type, boolean useCache, CompletableFuture<DnsAnswer> result, DnsAnswer last) {
        if (i == candidates.size()) {
            result.completeExceptionally(new ResolveException(last != null && last.rcode() == DnsRcode.NXDOMAIN
                    ? ResolveException.Reason.NXDOMAIN : ResolveException.Reason.NO_DATA, candidates.getLast().toString()));
            return;
        }
        lookup(candidates.get(i), type, useCache).whenComplete((a, err) -> {
            if (err != null) { result.completeExceptionally(err); return; }
            if (a.rcode() == DnsRcode.NOERROR && !a.records().isEmpty()) result.complete(a);
            else next(candidates, i + 1, type, useCache, result, a);
        });
    }

    /** One exact name: hosts, cache, then the network. Completes normally for NOERROR and NXDOMAIN. */
    public CompletableFuture<DnsAnswer> lookup(DnsName name, DnsRecordType type) { return lookup(name, type, true); }

    private CompletableFuture<DnsAnswer> lookup(DnsName name, DnsRecordType type, boolean useCache) {
        long now = sim.now();
        Ipv4Address host = useCache ? hosts.get(name.key()) : null;
        if (host != null && type.equals(DnsRecordType.A)) {
            count(ResolverCounter.HOSTS);
            return CompletableFuture.completedFuture(new DnsAnswer(name, type, DnsRcode.NOERROR,
                    List.of(DnsRecord.in(name, 0, new DnsRdata.A(host))), List.of(), true, false, null));
        }
        String key = name.key() + "/" + type;
        CacheEntry e = useCache ? cache.get(key) : null;
        if (e != null && now < e.expiresAtNanos()) {
            count(ResolverCounter.CACHE_HIT);
            long aged = (now - e.storedAtNanos()) / SimTime.SECOND;
            List<DnsRecord> recs = new ArrayList<>();
            for (DnsRecord r : e.answer().records()) recs.add(r.withTtl(Math.max(0, r.ttl() - aged)));
            DnsAnswer a = e.answer();
            return CompletableFuture.completedFuture(new DnsAnswer(a.name(), a.type(), a.rcode(), recs, a.authority(), false, true, a.server()));
        }
        if (e != null) cache.remove(key);
        count(ResolverCounter.CACHE_MISS);
        CompletableFuture<DnsAnswer> f = new CompletableFuture<>();
        if (config.servers().isEmpty()) { f.completeExceptionally(new ResolveException(ResolveException.Reason.NO_SERVERS, name.toString())); return f; }
        new Exchange(name, type, useCache ? key : null, f).send();
        return f;
    }

    /** One question sent to the servers in turn until an answer or the tries run out. */
    private final class Exchange {
        final DnsName name;
        final DnsRecordType type;
        final String key;
        final CompletableFuture<DnsAnswer> result;
        final List<Ipv4Address> servers = config.servers();
        final Timer timer;
        final UdpSocket socket;
        int tryIndex;
        int id;
        Ipv4Address current;
        TcpSocket[] tcp;   // the TCP retry in progress (its socket once connected), or null
        boolean done;
        ResolveException.Reason lastFailure = ResolveException.Reason.TIMEOUT;

        Exchange(DnsName name, DnsRecordType type, String key, CompletableFuture<DnsAnswer> result) {
            this.name = name;
            this.type = type;
            this.key = key;
            this.result = result;
            this.timer = sim.newTimer(now -> timedOut());
            this.socket = stack.udp().bind(Ipv4Address.ANY, 0, this::receive);
        }

        void send() {
            if (tryIndex == servers.size() * config.attempts()) { finish(null, lastFailure); return; }
            current = servers.get(tryIndex % servers.size());
            tryIndex++;
            id = random.nextInt(0x10000);
            byte[] q = DnsMessage.query(id, new DnsQuestion(name, type, DnsQuestion.CLASS_IN), true).encode();
            count(socket.sendTo(current, DnsMessage.PORT, q) ? ResolverCounter.TX_QUERY : ResolverCounter.TX_FAIL);
            timer.setDeadline(sim.now() + config.timeoutNanos());
        }

        void receive(UdpDatagram d, long now) {
            if (tcp != null) { count(ResolverCounter.RX_DROP_LATE); return; }
            DnsMessage.Parsed p = DnsMessage.parse(d.data());
            if (!p.ok()) { malformed.count(p.reason()); return; }
            DnsMessage m = p.message();
            // RFC 5452 §9.1: accept only a response from the server asked, to our id and question
            if (!d.source().equals(current) || d.sourcePort() != DnsMessage.PORT || !matches(m)) { count(ResolverCounter.RX_DROP_MISMATCH); return; }
            if (m.header().tc()) {
                // RFC 7766 §5 / RFC 2181 §9: a truncated answer is not used; ask the same server over TCP
                count(ResolverCounter.RX_TRUNCATED);
                retryOverTcp();
                return;
            }
            answered(m, now);
        }

        boolean matches(DnsMessage m) {
            return m.header().qr() && m.header().id() == id && m.questions().size() == 1
                    && m.questions().getFirst().name().equalsIgnoreCase(name) && m.questions().getFirst().type().equals(type);
        }

        void answered(DnsMessage m, long now) {
            int rcode = m.header().rcode();
            if (rcode != DnsRcode.NOERROR && rcode != DnsRcode.NXDOMAIN) {
                // RFC 1034 §5.3.3 step 4: a server failure or refusal means try the next server
                lastFailure = rcode == DnsRcode.REFUSED ? ResolveException.Reason.REFUSED : ResolveException.Reason.SERVER_FAILURE;
                count(ResolverCounter.forErrorRcode(rcode));
                send();
                return;
            }
            count(ResolverCounter.RX_ANSWER);
            DnsAnswer a = new DnsAnswer(name, type, rcode, m.answers(), m.authorities(), m.header().aa(), false, current);
            store(a, now);
            finish(a, null);
        }

        /** One query on a fresh connection to the server that truncated; the try's timer covers connect and answer. */
        void retryOverTcp() {
            Ipv4Address server = current;
            int tryId = id;
            TcpSocket[] holder = new TcpSocket[1];
            tcp = holder;
            timer.setDeadline(sim.now() + config.timeoutNanos());
            stack.tcp().connect(server, DnsMessage.PORT, tcpOptions).whenComplete((s, err) -> {
                if (tcp != holder || done) { if (s != null) s.abort(); return; }
                if (err != null) { count(ResolverCounter.TCP_CONNECT_FAILED); tcpFailed(); return; }
                count(ResolverCounter.TCP_CONNECT);
                holder[0] = s;
                DnsTcpFraming framing = new DnsTcpFraming();
                byte[] buf = new byte[4096];
                s.onReadable(() -> {
                    if (tcp != holder || done) return;
                    int n;
                    while ((n = s.read(buf, 0, buf.length)) > 0) {
                        for (byte[] msg : framing.feed(buf, 0, n)) {
                            DnsMessage.Parsed p = DnsMessage.parse(msg);
                            if (!p.ok()) { malformed.count(p.reason()); continue; }
                            if (!matches(p.message()) || id != tryId) { count(ResolverCounter.RX_DROP_MISMATCH); continue; }
                            count(ResolverCounter.RX_TCP);
                            tcp = null;
                            s.close();
                            answered(p.message(), sim.now());
                            return;
                        }
                    }
                    if (n < 0) { count(ResolverCounter.TCP_CLOSED_EARLY); s.close(); tcpFailed(); }
                });
                s.onClosed(r -> { if (tcp == holder && !done) { count(ResolverCounter.TCP_CLOSED_EARLY); tcpFailed(); } });
                byte[] q = DnsTcpFraming.frame(DnsMessage.query(id, new DnsQuestion(name, type, DnsQuestion.CLASS_IN), true).encode());
                s.write(q, 0, q.length);   // a fresh send buffer holds one query
            });
        }

        void tcpFailed() {
            tcp = null;
            lastFailure = ResolveException.Reason.SERVER_FAILURE;
            send();
        }

        void timedOut() {
            count(ResolverCounter.TIMEOUT);
            if (tcp != null) {
                if (tcp[0] != null) tcp[0].abort();
                tcp = null;
            }
            send();
        }

        void store(DnsAnswer a, long now) {
            long ttl = -1;
            if (rcodeNegative(a)) {
                // RFC 2308 §5: negative answers live min(SOA TTL, SOA MINIMUM); without an SOA they are not cached
                for (DnsRecord r : a.authority())
                    if (r.data() instanceof DnsRdata.Soa soa) ttl = Math.min(r.ttl(), soa.minimum());
            } else {
                for (DnsRecord r : a.records()) ttl = ttl < 0 ? r.ttl() : Math.min(ttl, r.ttl());
            }
            if (ttl > 0 && key != null) cache.put(key, new CacheEntry(a, now, now + SimTime.seconds(ttl)));
        }

        void finish(DnsAnswer a, ResolveException.Reason failure) {
            done = true;
            timer.cancel();
            socket.close();
            if (a != null) result.complete(a);
            else result.completeExceptionally(new ResolveException(failure, name.toString()));
        }
    }

    private static boolean rcodeNegative(DnsAnswer a) { return a.rcode() == DnsRcode.NXDOMAIN || a.records().isEmpty(); }
}
