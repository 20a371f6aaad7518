package io.wirelab.devices.web;

import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.StreamWrapper;
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
import java.util.concurrent.CompletableFuture;

/** pc1 (10.0.0.2) and web1 (10.0.0.80) on one link: 10 Mbit/s, 10 ms one way; real stacks and TCP. */
public final class TcpWebLab {
    public static final Ipv4Address WEB = Ipv4Address.parse("10.0.0.80");
    /** Both ends set TCP_NODELAY, as curl and nginx do. */
    public static final TcpOptions HTTP_TCP = TcpOptions.defaults().withNoDelay(true);

    public final Simulator sim;
    public final Port pcPort;
    public final Port webPort;
    public final NetworkStack pc;
    public final NetworkStack web;
    public final HttpServer server;

    public TcpWebLab(long seed, HttpServerConfig config) {
        sim = new Simulator(seed);
        pcPort = new Port("pc1:eth0", sim);
        webPort = new Port("web1:eth0", sim);
        Link.connect(sim, pcPort, webPort, LinkParams.DEFAULT.withBandwidth(10_000_000).withDelay(SimTime.millis(10)));
        pc = new NetworkStack(sim, "pc1");
        web = new NetworkStack(sim, "web1");
        pc.addInterface("eth0", pcPort, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        web.addInterface("eth0", webPort, MacAddress.local(80)).configure(Ipv4Cidr.parse("10.0.0.80/24"));
        server = new HttpServer(sim, config);
        server.addSite(WebFixture.pageSite("www.wirelab.test", "10.0.0.80"));
        server.listen(new TcpTransport(web.tcp(), HTTP_TCP), 80);
    }

    public HttpClient client(HttpClientConfig config, StreamWrapper tls) {
        return new HttpClient(sim, new TcpTransport(pc.tcp(), HTTP_TCP),
                name -> name.equals("www.wirelab.test") ? CompletableFuture.completedFuture(WEB)
                        : CompletableFuture.failedFuture(new IllegalArgumentException("NXDOMAIN " + name)),
                tls, config);
    }
}
