package io.wirelab.devices.proxy;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.StreamConnector;
import io.wirelab.devices.stream.StreamListener;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.sim.Simulator;
import io.wirelab.trace.Counters;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP proxy on a host (ProxyMode: smart or dumb). Clients send it absolute-form requests
 * (RFC 9112 §3.2.2) and CONNECT for tunnels (RFC 9110 §9.3.6); names resolve through the host's
 * resolver. A smart proxy reaches origins through one HttpClient, whose persistent connections are
 * its pool to the origins.
 */
public final class HttpProxy {
    private final Simulator sim;
    private final ProxyConfig config;
    private final StreamConnector transport;
    private final NameResolver resolver;
    private final HttpClient upstream;
    private final Counters<ProxyCounter> counts = Counters.of(ProxyCounter.class);
    private final List<ProxiedRequest> log = new ArrayList<>();
    private long nextConnection = 1;

    /** One request as the proxy handled it: the client connection, what it asked, the status it got. */
    public record ProxiedRequest(long connection, long atNanos, String method, String target, int status, boolean keptAlive) {}

    public HttpProxy(Simulator sim, ProxyConfig config, StreamConnector transport, NameResolver resolver) {
        this.sim = sim;
        this.config = config;
        this.transport = transport;
        this.resolver = resolver;
        HttpClientConfig up = HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(config.maxPerOrigin()))
                .withResponseTimeout(config.originTimeoutNanos()).withUserAgent(config.name());
        this.upstream = new HttpClient(sim, transport, resolver, up);
    }

    public ProxyConfig config() { return config; }

    public void listen(StreamListener on, int port) { on.listen(port, this::accept); }

    public void accept(ByteStream s) {
        count(ProxyCounter.CONN_ACCEPTED);
        long id = nextConnection++;
        if (config.mode() == ProxyMode.DUMB) new DumbRelay(this, id, s).start();
        else new SmartConnection(this, id, s).start();
    }

    /** Non-zero counters like "proxy.rx.request", "proxy.header.hop_by_hop_removed". */
    public SequencedMap<String, Long> counters() {
        SequencedMap<String, Long> all = new java.util.LinkedHashMap<>(counts.snapshot());   // the snapshot is unmodifiable
        long opened = upstream.connectionsOpened();
        if (opened > 0) all.put(counts.name(ProxyCounter.ORIGIN_CONN_OPENED), opened);
        return java.util.Collections.unmodifiableSequencedMap(all);
    }

    public long counter(ProxyCounter c) { return c == ProxyCounter.ORIGIN_CONN_OPENED ? upstream.connectionsOpened() : counts.get(c); }

    /** One counter by name; IllegalArgumentException for a name the proxy does not count. */
    public long counter(String name) {
        for (ProxyCounter c : ProxyCounter.values()) if (c.counterName().equals(name)) return counter(c);
        throw new IllegalArgumentException("the proxy counts no '" + name + "'");
    }

    public List<ProxiedRequest> log() { return Collections.unmodifiableList(log); }

    Simulator sim() { return sim; }
    HttpClient upstream() { return upstream; }
    void count(ProxyCounter c) { counts.count(c); }
    void count(ProxyCounter c, long n) { for (long i = 0; i < n; i++) counts.count(c); }
    void record(ProxiedRequest r) { log.add(r); }

    /** A TCP connection to host:port (a name resolves through the proxy host's resolver). */
    CompletableFuture<ByteStream> connect(String host, int port) {
        CompletableFuture<Ipv4Address> addr;
        if (host.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            try {
                addr = CompletableFuture.completedFuture(Ipv4Address.parse(host));
            } catch (IllegalArgumentException e) {
                addr = CompletableFuture.failedFuture(e);
            }
        } else {
            addr = resolver.resolve(host);
        }
        return addr.thenCompose(a -> transport.connect(a, port));
    }
}
