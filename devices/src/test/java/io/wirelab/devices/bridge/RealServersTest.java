package io.wirelab.devices.bridge;

import io.wirelab.bridge.Bridge;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientOptions;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.devices.dns.resolver.ResolverConfig;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.KeyLog;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsClientEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.testing.Tools;
import io.wirelab.testing.VethLab;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An emulated PC against real servers in a network namespace (198.18.0.1/24): a lease from dnsmasq,
 * a name resolved through it, a page fetched from nginx over HTTP and over HTTPS (TLS 1.3 and 1.2, a certificate from the lab CA). Needs root; skips otherwise.
 */
class RealServersTest {
    final Simulator sim = new Simulator(1);
    final NetworkStack pc = new NetworkStack(sim, "pc1");
    final Port pcPort = new Port("pc1:eth0", sim);
    final NetInterface eth0 = pc.addInterface("eth0", pcPort, MacAddress.local(0x0100));
    VethLab veth;
    Bridge bridge;

    @AfterEach void cleanUp() {
        if (bridge != null) bridge.close();
        if (veth != null) veth.close();
    }

    <T> T await(CompletableFuture<T> f, long seconds) {
        assertThat(sim.runUntil(f, SimTime.seconds(seconds))).as("done within %ds", seconds).isTrue();
        return f.join();
    }

    @Test void anEmulatedPcLeasesResolvesAndFetchesFromRealServers(@TempDir Path dir) throws Exception {
        Path dnsmasq = Tools.require("dnsmasq");
        Path nginx = Tools.require("nginx");
        veth = VethLab.create("198.18.0.1/24");
        veth.start(dnsmasq.toString(), "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--interface=" + veth.peer(), "--bind-interfaces", "--leasefile-ro", "--pid-file=" + dir.resolve("dnsmasq.pid"),
                "--dhcp-range=198.18.0.100,198.18.0.150,255.255.255.0,1h", "--dhcp-option=option:router,198.18.0.1",
                "--address=/www.lab.test/198.18.0.1", "--domain=lab.test");
        LabCa ca = LabCa.create(sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        LabCa.ServerIdentity nginxIdentity = ca.issue(List.of("www.lab.test"), List.of(Ipv4Address.parse("198.18.0.1")));
        Files.writeString(dir.resolve("chain.pem"), nginxIdentity.chainPem());
        Files.writeString(dir.resolve("key.pem"), nginxIdentity.privateKeyPem());
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "hello from nginx\n");
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log stderr;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s; uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    server { listen 198.18.0.1:80; root %1$s/www; }
                    server { listen 198.18.0.1:443 ssl; root %1$s/www;
                             ssl_certificate %1$s/chain.pem; ssl_certificate_key %1$s/key.pem;
                             ssl_protocols TLSv1.2 TLSv1.3; }
                }
                """.formatted(dir));
        veth.start(nginx.toString(), "-c", dir.resolve("nginx.conf").toString(), "-e", "stderr");

        sim.enableRealTime();
        bridge = Bridge.overLibpcap(sim, "uplink", veth.bridged());
        Link.connect(sim, bridge.port(), pcPort, LinkParams.DEFAULT);
        bridge.start();

        DhcpClient dhcp = new DhcpClient(pc, eth0, DhcpClientOptions.defaults().withInitialDelayMax(SimTime.millis(10)));
        StubResolver resolver = new StubResolver(pc, ResolverConfig.defaults().withTimeout(SimTime.seconds(2), 3), TcpOptions.defaults());
        resolver.useDhcp(dhcp);
        DhcpLease lease = await(dhcp.start(), 30);
        assertThat(lease.ip().toString()).startsWith("198.18.0.");
        assertThat(lease.server()).isEqualTo(Ipv4Address.parse("198.18.0.1"));
        assertThat(lease.dnsServers()).containsExactly(Ipv4Address.parse("198.18.0.1"));

        List<Ipv4Address> www = await(resolver.resolve("www.lab.test"), 30);
        assertThat(www).containsExactly(Ipv4Address.parse("198.18.0.1"));

        HttpClient http = new HttpClient(sim, new TcpTransport(pc.tcp(), TcpOptions.defaults().withNoDelay(true)), NameResolver.of(resolver), HttpClientConfig.defaults());
        HttpExchange page = await(http.get("http://www.lab.test/index.html"), 30);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(new String(page.response().body(), StandardCharsets.UTF_8)).isEqualTo("hello from nginx\n");
        HttpExchange again = await(http.get("http://www.lab.test/index.html"), 30);
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.connectionsOpened()).isEqualTo(1);     // nginx kept the connection alive

        KeyLog keys = new KeyLog();
        for (TlsVersions versions : List.of(TlsVersions.TLS13_ONLY, TlsVersions.TLS12_ONLY)) {
            HttpClient https = new HttpClient(sim, new TcpTransport(pc.tcp(), TcpOptions.defaults().withNoDelay(true)), NameResolver.of(resolver),
                    new TlsClientEndpoint(sim, "tls/pc1-" + versions, ca.certificateDer(), HttpServerConfig.DEFAULT_EPOCH, versions, keys),
                    HttpClientConfig.defaults());
            HttpExchange secure = await(https.get("https://www.lab.test/index.html"), 30);
            assertThat(secure.status()).as("%s %s", versions, secure).isEqualTo(200);
            assertThat(new String(secure.response().body(), StandardCharsets.UTF_8)).isEqualTo("hello from nginx\n");
        }
        assertThat(keys.text()).contains("CLIENT_TRAFFIC_SECRET_0").contains("CLIENT_RANDOM");   // 1.3, then 1.2
    }
}
