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
import io.wirelab.stack.tcp.TcpOptions;

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
    private TlsClientEndpoint tlsClient;

    public HttpClients(Host host, TcpOptions tcp, StubResolver resolver, LabTls tls) {
        this.host = host;
        this.resolver = resolver;
        this.tls = tls;
        this.transport = new TcpTransport(host.stack().tcp(), tcp);
    }

    /** A new client of this host: its own connection pool, the given policy. */
    public HttpClient client(HttpClientConfig config) { return client(config, NameResolver.of(resolver)); }

    /** A new client that finds addresses with names (the DSL's: device names, then DNS). */
    public HttpClient client(HttpClientConfig config, NameResolver names) {
        StreamWrapper secure = (raw, serverName) -> tlsClient().wrap(raw, serverName);
        return new HttpClient(host.simulator(), transport, names, secure, config);
    }

    /** The TLS client side shared by this host's clients: trusts the lab CA, logs secrets to the lab key log. */
    private TlsClientEndpoint tlsClient() {
        if (tlsClient == null)
            tlsClient = new TlsClientEndpoint(host.simulator(), "tls/client/" + host.name(), tls.ca().certificateDer(),
                    tls.epochSeconds(), TlsVersions.TLS13_AND_12, tls.keyLog());
        return tlsClient;
    }
}
