package io.wirelab.bench.app;

import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.CertificateCache;
import io.wirelab.devices.tls.KeyLogSink;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsClientEndpoint;
import io.wirelab.devices.tls.TlsServerEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.Site;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTPS GET end to end on a warm lab: a new client connects (ARP cached after the first), TLS 1.3
 * handshake with the lab CA's certificate, GET of a 10 KB page, close. The lab (stacks, server, CA)
 * is built once; each invocation is a new client, as a new PC would be. Score: GETs per wall second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HttpsGetBench {
    private static final Ipv4Address WEB = Ipv4Address.parse("10.0.0.80");
    private static final TcpOptions HTTP_TCP = TcpOptions.defaults().withNoDelay(true);

    private Simulator sim;
    private NetworkStack pc;
    private LabCa ca;
    private HttpClientConfig config;
    private int n;
    private final CertificateCache certificates = new CertificateCache();     // the lab's, as LabTls shares it

    @Setup
    public void lab() {
        sim = new Simulator(16);
        Port pcPort = new Port("pc1:eth0", sim), webPort = new Port("web1:eth0", sim);
        Link.connect(sim, pcPort, webPort, LinkParams.DEFAULT.withBandwidth(1_000_000_000L).withDelay(SimTime.micros(100)));
        pc = new NetworkStack(sim, "pc1");
        NetworkStack web = new NetworkStack(sim, "web1");
        pc.addInterface("eth0", pcPort, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        web.addInterface("eth0", webPort, MacAddress.local(80)).configure(Ipv4Cidr.parse("10.0.0.80/24"));
        HttpServer server = new HttpServer(sim, HttpServerConfig.defaults());
        server.addSite(new Site("www.wirelab.test", "10.0.0.80").put("/index.html", "x".repeat(10_000)));
        ca = LabCa.create(sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        TlsServerEndpoint tls = new TlsServerEndpoint(sim, "tls/web1", ca.issue(List.of("www.wirelab.test"), List.of(WEB)),
                TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        server.listen(new TcpTransport(web.tcp(), HTTP_TCP), 443, tls::accept);
        config = HttpClientConfig.defaults().withPolicy(ConnectionPolicy.serial());
    }

    @Benchmark
    public HttpExchange get() {
        HttpClient c = new HttpClient(sim, new TcpTransport(pc.tcp(), HTTP_TCP), name -> CompletableFuture.completedFuture(WEB),
                new TlsClientEndpoint(sim, "tls/pc1-" + n++, ca.certificateDer(), List.of(), HttpServerConfig.DEFAULT_EPOCH,
                        TlsVersions.TLS13_AND_12, KeyLogSink.NONE, certificates), config);
        CompletableFuture<HttpExchange> f = c.get("https://www.wirelab.test/index.html");
        if (!sim.runUntil(f, SimTime.seconds(10))) throw new IllegalStateException("GET did not finish");
        HttpExchange x = f.join();
        if (!x.ok()) throw new IllegalStateException("GET failed: " + x);
        return x;
    }
}
