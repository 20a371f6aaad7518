package io.wirelab.scripting;

import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.devices.dns.resolver.DnsAnswer;
import io.wirelab.devices.dns.resolver.ResolveException;
import io.wirelab.devices.dns.resolver.ResolverConfig;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.host.PingOptions;
import io.wirelab.devices.host.PingResult;
import io.wirelab.devices.host.TracerouteOptions;
import io.wirelab.devices.host.TracerouteResult;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.HttpClients;
import io.wirelab.labs.run.LabInterruptedException;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.NeighborEntry;
import io.wirelab.stack.NetInterface;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pc or server as scripts see it: {@code pc1.ip}, {@code pc1.mac}, {@code pc1.arp},
 * {@code pc1.ping('10.0.0.2', count: 4)}. Network calls run the lab until they complete.
 */
public final class HostFacade extends DeviceFacade {
    static final List<String> PING_OPTIONS = List.of("count", "interval", "timeout", "size", "ttl", "quiet");
    private final HostRuntime runtime;
    private final Host host;

    HostFacade(HostRuntime runtime, LabFacade lab) {
        super(runtime.host(), lab);
        this.runtime = runtime;
        this.host = runtime.host();
    }

    Host host() { return host; }

    /** The interfaces as values: name, MAC, address with prefix (null while unconfigured). */
    public List<InterfaceInfo> getInterfaces() {
        return host.stack().interfaces().stream().map(InterfaceInfo::of).toList();
    }

    /** The first configured IPv4 address as text ("10.0.0.1"), or null when none is configured. */
    public String getIp() {
        NetInterface i = firstConfigured();
        return i == null ? null : i.address().toString();
    }

    /** The first configured address with its prefix ("10.0.0.1/24"), or null. */
    public String getCidr() {
        NetInterface i = firstConfigured();
        return i == null ? null : i.cidr().toString();
    }

    /** The MAC address of the first interface ("02:00:00:00:01:00"), or null without interfaces. */
    public String getMac() {
        List<NetInterface> all = host.stack().interfaces();
        return all.isEmpty() ? null : all.getFirst().mac().toString();
    }

    /** The ARP cache, sorted. */
    public List<NeighborEntry> getArp() { return host.stack().arp().entries(); }

    public String getGateway() {
        Ipv4Address gw = host.stack().defaultGateway();
        return gw == null ? null : gw.toString();
    }

    public PingResult ping(String target) { return ping(Map.of(), target); }

    /**
     * {@code ping('10.0.0.2', count: 4, interval: 200.ms, timeout: 1.s, size: 56, ttl: 64, quiet: false)}.
     * The target is an IPv4 address or the name of a device of this lab. Prints the ping(8)-style
     * statistics unless quiet.
     */
    public PingResult ping(Map<String, ?> options, String target) {
        PingOptions d = PingOptions.defaults();
        int count = d.count(), size = d.payloadBytes(), ttl = d.ttl();
        long interval = d.intervalNanos(), timeout = d.timeoutNanos();
        boolean quiet = false;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "count" -> count = positiveInt(key, v, 1);
                case "size" -> size = positiveInt(key, v, 0);
                case "ttl" -> ttl = positiveInt(key, v, 1);
                case "interval" -> interval = duration(key, v);
                case "timeout" -> timeout = duration(key, v);
                case "quiet" -> quiet = Boolean.TRUE.equals(v);
                default -> {
                    String s = DidYouMean.suggest(key, PING_OPTIONS);
                    throw new IllegalArgumentException("ping has no option '" + key + "'"
                            + (s != null ? "; did you mean '" + s + "'?" : "")
                            + " (options: count, interval, timeout, size, ttl, quiet)");
                }
            }
        }
        if (ttl > 255) throw new IllegalArgumentException("ping ttl must be 1..255, got " + ttl);
        Ipv4Address dst = names().addressOf("ping", target);
        PingOptions opts = new PingOptions(count, interval, timeout, size, ttl);
        long budget = Math.addExact(Math.multiplyExact((long) count, interval), timeout) + VirtualDuration.S;
        Host.PingRun run = host.startPing(dst, opts);
        PingResult r;
        try {
            r = lab.await(run.result(), budget, () -> "ping " + dst + " has not finished");
        } catch (LabInterruptedException e) {
            run.stop().run();   // ping(8) on Ctrl-C: stop, print and return the statistics so far
            r = run.result().join();
        }
        if (!quiet) {
            lab.out().println(getName() + "$ ping -c " + count + " " + (dst.toString().equals(target) ? target : target + " (" + dst + ")"));
            lab.out().println("PING " + dst + " " + size + "(" + (size + 28) + ") bytes of data.");
            r.transcript().forEach(lab.out()::println);
            lab.out().println();
            lab.out().println(r);
            lab.out().flush();
        }
        return r;
    }

    public TracerouteResult traceroute(String target) { return traceroute(Map.of(), target); }

    /**
     * {@code traceroute('web1', maxHops: 30, queries: 3, wait: 5.s, port: 33434, firstTtl: 1, quiet: false)}:
     * UDP probes like traceroute(8); the target is a device name, a DNS name or an IPv4 address. Prints
     * one line per hop ("1  r1 (10.1.0.1)  0.123 ms ...", "* * *" for silence) unless quiet.
     */
    public TracerouteResult traceroute(Map<String, ?> options, String target) {
        TracerouteOptions o = TracerouteOptions.defaults();
        boolean quiet = false;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "maxHops" -> o = o.withMaxHops(positiveInt("traceroute", key, v, 1));
                case "queries" -> o = o.withProbesPerHop(positiveInt("traceroute", key, v, 1));
                case "wait" -> o = o.withWait(duration("traceroute", key, v));
                case "port" -> o = o.withBasePort(positiveInt("traceroute", key, v, 1));
                case "firstTtl" -> o = o.withFirstTtl(positiveInt("traceroute", key, v, 1));
                case "quiet" -> quiet = Boolean.TRUE.equals(v);
                default -> {
                    String s = DidYouMean.suggest(key, TRACEROUTE_OPTIONS);
                    throw new IllegalArgumentException("traceroute has no option '" + key + "'"
                            + (s != null ? "; did you mean '" + s + "'?" : "") + " (options: " + String.join(", ", TRACEROUTE_OPTIONS) + ")");
                }
            }
        }
        Ipv4Address dst = names().addressOf("traceroute", target);
        long budget = (long) o.maxHops() * o.probesPerHop() * o.waitNanos() + VirtualDuration.S;
        TracerouteOptions opts = o;
        if (!quiet) {
            lab.out().println(getName() + "$ traceroute " + target);
            lab.out().println("traceroute to " + target + " (" + dst + "), " + opts.maxHops() + " hops max, "
                    + (28 + opts.dataBytes()) + " byte packets");
        }
        TracerouteResult r = lab.await(host.traceroute(dst, opts), budget, () -> "traceroute to " + dst + " has not finished");
        if (!quiet) {
            r.transcript(this::deviceNameOf).forEach(lab.out()::println);
            lab.out().flush();
        }
        return r;
    }

    private static final List<String> TRACEROUTE_OPTIONS = List.of("maxHops", "queries", "wait", "port", "firstTtl", "quiet");

    /** The lab device that owns address a, as traceroute prints hops; null when none does. */
    private String deviceNameOf(Ipv4Address a) {
        for (DeviceFacade d : lab.getDevices().values()) {
            if (d instanceof RouterFacade r && r.owns(a)) return r.getName();
            if (d instanceof HostFacade h)
                for (NetInterface i : h.host.stack().interfaces()) if (a.equals(i.address())) return h.getName();
        }
        return null;
    }

    private HostNames names;

    /** The one resolver path of this host's DSL calls: an IPv4 address, a device of the lab, or a DNS name. */
    HostNames names() {
        if (names == null) names = new HostNames(this);
        return names;
    }

    // ---------------------------------------------------------------- DHCP and DNS

    /**
     * Runs the lab until this host's DHCP client holds a lease (starting the client again after
     * {@code release()}), prints one line and returns the lease. The host needs an interface with
     * {@code ip: dhcp}; those clients start by themselves when the lab starts.
     */
    public DhcpLease dhcp() {
        DhcpClient c = dhcpClient();
        if (c.state() == DhcpClientState.STOPPED) c.start();
        DhcpLease l = c.lease() != null && c.state() == DhcpClientState.BOUND ? c.lease() : lab.await(c.leaseFuture(), DHCP_BUDGET, () -> awaitingDhcp(c));
        lab.out().println(getName() + ": DHCP " + c.iface().name() + " " + l.address() + " from " + l.server()
                + (l.routers().isEmpty() ? "" : ", gateway " + l.routers().getFirst())
                + (l.dnsServers().isEmpty() ? "" : ", dns " + join(l.dnsServers()))
                + (l.domainName() == null ? "" : ", domain " + l.domainName())
                + ", lease " + Units.formatDuration(SimTime.seconds(l.leaseSeconds())));
        lab.out().flush();
        return l;
    }

    /** What a DHCP client that has no lease yet is waiting for, by its state (RFC 2131 §4.4). */
    private static String awaitingDhcp(DhcpClient c) {
        long discovers = c.counter("dhcp.tx.discover"), offers = c.counter("dhcp.rx.offer");
        return switch (c.state()) {
            case INIT, SELECTING -> offers == 0 ? "no DHCP OFFER from any server (" + discovers + " DISCOVERs sent on " + c.iface().name() + ")"
                    : "DHCP client on " + c.iface().name() + " still selecting after " + offers + " OFFERs";
            case REQUESTING, REBOOTING, INIT_REBOOT -> "no DHCP ACK for the REQUEST on " + c.iface().name()
                    + " (" + c.counter("dhcp.rx.nak") + " NAKs)";
            default -> "DHCP client on " + c.iface().name() + " is " + c.state();
        };
    }

    /** Sends DHCPRELEASE, removes the address and stops the client (RFC 2131 §4.4.6); {@code dhcp()} starts it again. */
    public void release() {
        DhcpClient c = dhcpClient();
        DhcpLease l = c.lease();
        c.release();
        lab.out().println(getName() + ": DHCP " + c.iface().name() + (l == null ? " had no lease" : " released " + l.ip()));
        lab.out().flush();
    }

    /** The DHCP client of the first {@code ip: dhcp} interface (its state, lease, counters). */
    public ScriptDhcpClient getDhcpClient() { return runtime.dhcpClient() == null ? null : new ScriptDhcpClient(runtime.dhcpClient()); }

    /** This host's stub resolver, or null when the lab was built without services. */
    public ScriptResolver getResolver() { return runtime.resolver() == null ? null : new ScriptResolver(runtime.resolver()); }

    /** The DHCP server's lease table ({@code println dhcp1.leases}). */
    public LeaseTable getLeases() {
        DhcpServer d = runtime.dhcpServer();
        if (d == null) throw new IllegalStateException(getName() + " runs no DHCP server (services: { dhcp: ... } in the lab file)");
        return new LeaseTable(d.leases(), host.simulator().now());
    }

    /** The IPv4 addresses of name as text, in the server's order; empty when the name or its address does not exist. */
    public List<String> resolve(String name) {
        try {
            return lab.await(resolver().resolve(name), resolveBudget()).stream().map(Ipv4Address::toString).toList();
        } catch (ResolveException e) {
            if (e.reason() == ResolveException.Reason.NXDOMAIN || e.reason() == ResolveException.Reason.NO_DATA) return List.of();
            throw new IllegalStateException(getName() + " cannot resolve " + name + ": " + describe(e), e);
        }
    }

    /** Asks the DNS server like nslookup(1), past the cache, and prints the server and the answer; returns it, or null when none came. */
    public DnsAnswer nslookup(String name) {
        StubResolver r = resolver();
        var out = lab.out();
        out.println(getName() + "$ nslookup " + name);
        DnsAnswer a = null;
        ResolveException failure = null;
        try {
            a = lab.await(r.query(name, DnsRecordType.A, false), resolveBudget());
        } catch (ResolveException e) {
            failure = e;
        }
        Ipv4Address server = a != null && a.server() != null ? a.server() : r.config().servers().isEmpty() ? null : r.config().servers().getFirst();
        if (server != null) {
            out.println("Server:\t\t" + server);
            out.println("Address:\t" + server + "#53");
            out.println();
        }
        if (a == null) {
            out.println(failure.reason() == ResolveException.Reason.TIMEOUT || failure.reason() == ResolveException.Reason.NO_SERVERS
                    ? ";; connection timed out; no servers could be reached"
                    : "** server can't find " + name + ": " + describe(failure));
        } else {
            if (!a.authoritative()) out.println("Non-authoritative answer:");
            for (DnsRecord rec : a.records()) {
                if (rec.data() instanceof DnsRdata.Cname c) out.println(rec.name() + "\tcanonical name = " + c.target() + ".");
                else if (rec.data() instanceof DnsRdata.A addr) { out.println("Name:\t" + rec.name()); out.println("Address: " + addr.address()); }
            }
        }
        out.println();
        out.flush();
        return a;
    }

    static final long DHCP_BUDGET = SimTime.seconds(300);   // the DISCOVER backoff 4+8+16+32+64+64 s fits twice

    long resolveBudget() {
        ResolverConfig c = resolver().config();
        long tries = (long) Math.max(1, c.servers().size()) * c.attempts() * Math.max(1, c.search().size() + 1);
        return Math.multiplyExact(tries, c.timeoutNanos() * 2) + SimTime.SECOND;
    }

    static String describe(ResolveException e) {
        return switch (e.reason()) {
            case NXDOMAIN -> "NXDOMAIN";
            case NO_DATA -> "No answer";
            case SERVER_FAILURE -> "SERVFAIL";
            case REFUSED -> "REFUSED";
            case TIMEOUT -> "timed out";
            case NO_SERVERS -> "no DNS server configured";
        };
    }

    private DhcpClient dhcpClient() {
        DhcpClient c = runtime.dhcpClient();
        if (c == null) throw new IllegalStateException(getName() + " has no interface using DHCP (give it ip: dhcp in the lab file)");
        return c;
    }

    StubResolver resolverOrNull() { return runtime.resolver(); }

    private StubResolver resolver() {
        StubResolver r = resolverOrNull();
        if (r == null) throw new IllegalStateException(getName() + " has no resolver: the lab was built without services");
        return r;
    }

    private static String join(List<Ipv4Address> as) {
        List<String> t = new ArrayList<>();
        for (Ipv4Address a : as) t.add(a.toString());
        return String.join(" ", t);
    }

    private static int positiveInt(String key, Object v, int min) { return positiveInt("ping", key, v, min); }

    private static int positiveInt(String verb, String key, Object v, int min) {
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short) || ((Number) v).longValue() < min
                || ((Number) v).longValue() > Integer.MAX_VALUE)
            throw new IllegalArgumentException(verb + " " + key + ": expected a whole number >= " + min + ", got " + v);
        return ((Number) v).intValue();
    }

    private static long duration(String key, Object v) { return duration("ping", key, v); }

    private static long duration(String verb, String key, Object v) {
        if (v instanceof VirtualDuration d && d.nanos() > 0) return d.nanos();
        if (v instanceof Number n)
            throw new IllegalArgumentException(verb + " " + key + " needs a unit, e.g. " + key + ": " + n + ".s or " + n + ".ms");
        throw new IllegalArgumentException(verb + " " + key + ": expected a positive duration like 200.ms, got " + v);
    }

    private NetInterface firstConfigured() {
        for (NetInterface i : host.stack().interfaces()) if (i.cidr() != null) return i;
        return null;
    }

    @Override public String toString() {
        String cidr = getCidr();
        return getName() + " (" + getKind() + (cidr != null ? ", " + cidr : "") + ")";
    }

    // ---- TCP: an iperf-like pair and an ss-like socket list ----

    private final java.util.Map<Integer, io.wirelab.devices.bulk.TcpSink> sinks = new java.util.TreeMap<>();

    /** Starts an iperf-like sink on port: it accepts connections and reads everything sent to it. */
    public io.wirelab.devices.bulk.TcpSink tcpSink(int port) {
        if (sinks.containsKey(port)) return sinks.get(port);
        io.wirelab.devices.bulk.TcpSink sink = new io.wirelab.devices.bulk.TcpSink(host.stack(), port, runtime.tcp());
        sinks.put(port, sink);
        return sink;
    }

    public io.wirelab.devices.bulk.TransferResult tcpSend(String target, int port, Object size) {
        return tcpSend(Map.of(), target, port, size);
    }

    /** {@code pc1.tcpSend('10.0.0.2', 5001, 10.MB, timeout: 10.min, quiet: false)}: connect, send, close. */
    public io.wirelab.devices.bulk.TransferResult tcpSend(Map<String, ?> options, String target, int port, Object size) {
        long bytes = switch (size) {
            case DataSize d -> d.bytes();
            case Number n -> n.longValue();
            case String t -> Units.parseSize(t);
            default -> throw new IllegalArgumentException("tcpSend size must be a size such as 10.MB, got " + size);
        };
        long timeout = SimTime.seconds(600);
        boolean quiet = false;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            switch (e.getKey()) {
                case "timeout" -> timeout = duration("timeout", e.getValue());
                case "quiet" -> quiet = Boolean.TRUE.equals(e.getValue());
                default -> throw new IllegalArgumentException("tcpSend has no option '" + e.getKey() + "' (options: timeout, quiet)");
            }
        }
        Ipv4Address dst = names().addressOf("send to", target);
        var result = lab.await(io.wirelab.devices.bulk.TcpBulkSender.send(host.stack(), dst, port, bytes,
                runtime.tcp()), timeout);
        if (!quiet) {
            lab.out().println(getName() + "$ tcpsend " + dst + ":" + port + " " + new DataSize(bytes));
            lab.out().println(result);
            lab.out().flush();
        }
        return result;
    }

    // ---- HTTP: curl-like requests and a browser ----

    private HttpFacade http;

    /** {@code pc1.http.get(url)}, {@code .head(url)}, {@code .post(url, body)}: see {@link HttpFacade}. */
    public HttpFacade getHttp() {
        if (http == null) http = new HttpFacade(this);
        return http;
    }

    /** {@code pc1.browser(policy: 'pipelined', connections: 2, depth: 10).load(url)}: see {@link BrowserFacade}. */
    public BrowserFacade browser(Map<String, ?> options) { return new BrowserFacade(this, options); }

    public BrowserFacade browser() { return browser(Map.of()); }

    /** The web server this host runs ({@code services: web:} in the lab file), or null. */
    public ScriptWebServer getWebServer() { return runtime.web() == null ? null : new ScriptWebServer(runtime.web().server(), lab, getName()); }

    /** The HTTP proxy this host runs ({@code services: proxy:} in the lab file), or null. */
    public ScriptProxy getProxy() { return runtime.proxy() == null ? null : new ScriptProxy(runtime.proxy()); }

    HttpClients web() {
        if (runtime.http() == null) throw new IllegalStateException(getName() + " has no HTTP client: the lab was built without services");
        return runtime.http();
    }

    LabFacade lab() { return lab; }

    /** Listens on a TCP port; {@code accept()} on the result waits for a client. */
    public ScriptTcpListener tcpListen(int port) { return new ScriptTcpListener(host.stack().tcp(), port, runtime.tcp(), lab); }

    /** Opens a TCP connection (runs the lab through the handshake); fails with the reason, e.g. refused. */
    public ScriptTcpSocket tcpConnect(String target, int port) {
        Ipv4Address dst = names().addressOf("connect to", target);
        try {
            return new ScriptTcpSocket(lab.await(host.stack().tcp().connect(dst, port, runtime.tcp()), SimTime.seconds(200)), lab);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof io.wirelab.stack.tcp.TcpException t)
                throw new IllegalStateException("connect to " + dst + ":" + port + " failed: " + t.getMessage());
            throw e;
        }
    }

    /** Every TCP socket of this host, TIME-WAIT included, like {@code ss -tan}. */
    public SocketTable getSockets() { return new SocketTable(host.stack().tcp().sockets()); }

    /** The routes in use, like {@code ip route}: "10.0.0.0/24 dev eth0", "default via 10.0.0.254 dev eth0". */
    public RouteList getRoutes() { return new RouteList(host.stack().routes().routes().stream().map(Object::toString).toList()); }

    /** The stack's and TCP's counters, like {@code nstat}: {@code pc1.counters.ipv4_no_route}, {@code pc1.counters.'tcp.active_opens'}. */
    public CounterTable getCounters() {
        var all = new java.util.TreeMap<String, Long>(host.stack().counters().snapshot());
        all.putAll(host.stack().tcp().counters().snapshot());
        return new CounterTable(all);
    }
}
