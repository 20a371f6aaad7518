package io.wirelab.labs.build;

import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsClientEndpoint;
import io.wirelab.devices.tls.TlsServerEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.devices.web.client.StreamWrapper;
import io.wirelab.labs.run.LabTls;

/**
 * The web side of one host (registered as {@code host.app(HostWeb.class)} on every pc and server):
 * its HTTP clients, which resolve names with the host's stub resolver, connect over its TCP with
 * TCP_NODELAY and trust the lab CA for https URLs; and, when the lab file asks for one, its web
 * server with its certificate. The TLS client is made at the first https request, so a lab
 * without HTTPS never creates the CA.
 */
public final class HostWeb {
    private final Host host;
    private final StubResolver resolver;
    private final LabTls tls;
    private final TcpTransport transport;
    private HttpServer server;
    private TlsServerEndpoint tlsServer;
    private LabCa.ServerIdentity identity;
    private TlsClientEndpoint tlsClient;

    HostWeb(Host host, StubResolver resolver, LabTls tls) {
        this.host = host;
        this.resolver = resolver;
        this.tls = tls;
        this.transport = new TcpTransport(host.stack().tcp());
    }

    public Host host() { return host; }
    public TcpTransport transport() { return transport; }
    public LabTls tls() { return tls; }

    /** The web server from {@code services: web:}, or null. */
    public HttpServer server() { return server; }

    /** The server's TLS endpoint (its handshakes), or null without HTTPS. */
    public TlsServerEndpoint tlsServer() { return tlsServer; }

    /** The server certificate chain and key, or null without HTTPS. */
    public LabCa.ServerIdentity identity() { return identity; }

    /** A new client of this host: its own connection pool, the given policy. */
    public HttpClient client(HttpClientConfig config) {
        StreamWrapper secure = (raw, serverName) -> tlsClient().wrap(raw, serverName);
        return new HttpClient(host.simulator(), transport, NameResolver.of(resolver), secure, config);
    }

    /** The TLS client side shared by this host's clients: trusts the lab CA, logs secrets to the lab key log. */
    public TlsClientEndpoint tlsClient() {
        if (tlsClient == null)
            tlsClient = new TlsClientEndpoint(host.simulator(), "tls/client/" + host.name(), tls.ca().certificateDer(),
                    tls.epochSeconds(), TlsVersions.TLS13_AND_12, tls.keyLog());
        return tlsClient;
    }

    void setServer(HttpServer s, TlsServerEndpoint t, LabCa.ServerIdentity id) {
        server = s;
        tlsServer = t;
        identity = id;
    }
}
