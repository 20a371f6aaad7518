package io.wirelab.labs.run;

import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.TlsClientEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.devices.web.client.StreamWrapper;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.stack.tcp.TcpOptions;

import java.util.List;

/**
 * Makes one host's HTTP clients: they resolve names with the host's stub resolver, connect over its
 * TCP with the given settings and trust the lab CA for https URLs. The TLS client side is made at
 * the first https request, so a lab without HTTPS never creates the CA.
 */
public final class HttpClients {
    private final Host host;
    private final StubResolver resolver;
    private final LabTls tls;
    private final TcpTransport transport;
    private final HttpClientConfig.ProxyAddress defaultProxy;
    private TlsClientEndpoint tlsClient;
    private List<byte[]> trust = List.of();

    /** defaultProxy: the host's `proxy:` with a device name replaced by its address (null: none). */
    public HttpClients(Host host, TcpOptions tcp, StubResolver resolver, LabTls tls, HttpClientConfig.ProxyAddress defaultProxy) {
        this.host = host;
        this.resolver = resolver;
        this.tls = tls;
        this.transport = new TcpTransport(host.stack().tcp(), tcp);
        this.defaultProxy = defaultProxy;
    }

    public HttpClients(Host host, TcpOptions tcp, StubResolver resolver, LabTls tls) { this(host, tcp, resolver, tls, null); }

    /** Certificates (DER) the host's HTTPS clients trust besides the lab CA: the lab file's trust:. Before the first HTTPS request. */
    public HttpClients trust(List<byte[]> certificates) {
        this.trust = List.copyOf(certificates);
        return this;
    }

    /** The TLS client the host's HTTPS requests use (made at the first one). */
    public TlsClientEndpoint tlsClient() {
        if (tlsClient == null)
            tlsClient = new TlsClientEndpoint(host.simulator(), "tls/client/" + host.name(), tls.ca().certificateDer(), trust,
                    tls.epochSeconds(), TlsVersions.TLS13_AND_12, tls.keyLog(), tls.certificates());
        return tlsClient;
    }

    /** The proxy the lab file gives this host (`proxy:`), or null; clients use it only when their config says so. */
    public HttpClientConfig.ProxyAddress defaultProxy() { return defaultProxy; }

    /**
     * "host:port" as a proxy address: a device name of lab becomes the device's first static
     * address, anything else (an address, a DNS name) stays as written. IllegalArgumentException
     * when malformed or when it names a device without a static address.
     */
    public static HttpClientConfig.ProxyAddress proxyAddress(LabSpec lab, String text) {
        HttpClientConfig.ProxyAddress p = HttpClientConfig.ProxyAddress.parse(text);
        NodeSpec n = lab == null ? null : lab.node(p.host());
        if (n == null) return p;
        for (InterfaceSpec i : n.interfaces())
            if (i.address() != null) return new HttpClientConfig.ProxyAddress(i.address().address().toString(), p.port());
        throw new IllegalArgumentException("the proxy " + p.host() + " has no static address");
    }

    /** A new client of this host: its own connection pool, the given policy. */
    public HttpClient client(HttpClientConfig config) { return client(config, NameResolver.of(resolver)); }

    /** A new client that finds addresses with names (the DSL's: device names, then DNS). */
    public HttpClient client(HttpClientConfig config, NameResolver names) {
        StreamWrapper secure = (raw, serverName) -> tlsClient().wrap(raw, serverName);
        return new HttpClient(host.simulator(), transport, names, secure, config);
    }
}
