package io.wirelab.devices.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.WebFixture;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TlsHttpTest {

    /** An HTTPS server on 10.0.0.80:443 next to the fixture's HTTP server; the client trusts the lab CA. */
    static final class Https {
        final WebFixture f = new WebFixture(HttpServerConfig.defaults());
        final KeyLog keys = new KeyLog();
        final LabCa ca = LabCa.create(f.sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        final TlsServerEndpoint tlsServer;
        final HttpClient client;

        Https(TlsVersions serverVersions, TlsVersions clientVersions) {
            LabCa.ServerIdentity id = ca.issue(List.of("www.wirelab.test"), List.of(WebFixture.SERVER));
            tlsServer = new TlsServerEndpoint(f.sim, "tls/web1", id, serverVersions, KeyLogSink.NONE);
            f.server.listen(f.net.host(WebFixture.SERVER), 443, tlsServer::accept);
            TlsClientEndpoint tlsClient = new TlsClientEndpoint(f.sim, "tls/pc1", ca.certificateDer(),
                    HttpServerConfig.DEFAULT_EPOCH, clientVersions, keys);
            client = new HttpClient(f.sim, f.net.host(WebFixture.CLIENT),
                    name -> CompletableFuture.completedFuture(WebFixture.SERVER), tlsClient,
                    HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)));
        }

        HttpExchange get(String url) {
            var x = client.get(url);
            assertThat(f.sim.runUntil(x, SimTime.seconds(10))).isTrue();
            return x.join();
        }
    }

    @Test
    void tls13_getByName_sendsSniAndAlpn_andLogsFiveSecrets() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS13_AND_12);
        HttpExchange x = h.get("https://www.wirelab.test/index.html");
        assertThat(x.ok()).as(x.toString()).isTrue();
        assertThat(x.response().bodyText()).contains("<img");
        assertThat(x.timing().tlsNanos()).isGreaterThanOrEqualTo(SimTime.millis(20));
        assertThat(h.tlsServer.handshakes()).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo("TLS 1.3");
            assertThat(s.alpn()).isEqualTo("http/1.1");
            assertThat(s.sni()).isEqualTo("www.wirelab.test");
        });
        assertThat(h.keys.lines()).extracting(l -> l.split(" ")[0]).containsExactly(
                "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
        assertThat(h.keys.lines().getFirst()).matches("\\S+ [0-9a-f]{64} [0-9a-f]{64,96}");
        HttpExchange again = h.get("https://www.wirelab.test/img/i0.png");
        assertThat(again.reusedConnection()).isTrue();
        assertThat(again.timing().tlsNanos()).isZero();
    }

    @Test
    void tls12_byIp_hasNoSni_andLogsClientRandom() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS12_ONLY);
        HttpExchange x = h.get("https://10.0.0.80/index.html");
        assertThat(x.ok()).as(x.toString()).isTrue();
        assertThat(h.tlsServer.handshakes().getFirst().version()).isEqualTo("TLS 1.2");
        assertThat(h.tlsServer.handshakes().getFirst().sni()).isEmpty();
        assertThat(h.keys.lines()).singleElement().asString().matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
    }

    @Test
    void wrongName_failsTheHandshake() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS13_AND_12);
        HttpExchange x = h.get("https://evil.wirelab.test/");
        assertThat(x.outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
        assertThat(h.tlsServer.handshakes()).isEmpty();
    }

    @Test
    void untrustedCa_failsTheHandshake() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS13_AND_12);
        LabCa other = LabCa.create(h.f.sim.random("other-ca"), HttpServerConfig.DEFAULT_EPOCH, "other");
        TlsClientEndpoint distrustful = new TlsClientEndpoint(h.f.sim, "tls/pc2", other.certificateDer(),
                HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        HttpClient c = new HttpClient(h.f.sim, h.f.net.host(WebFixture.CLIENT),
                name -> CompletableFuture.completedFuture(WebFixture.SERVER), distrustful, HttpClientConfig.defaults());
        var x = c.get("https://www.wirelab.test/");
        h.f.sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
    }

    /** A lab file's trust: (another CA, e.g. a real server's root) is a trust anchor beside the client's own CA. */
    @Test
    void aCaTrustedBesideTheClientsOwn_validatesTheServer() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS13_AND_12);
        LabCa other = LabCa.create(h.f.sim.random("other-ca"), HttpServerConfig.DEFAULT_EPOCH, "other");
        TlsClientEndpoint trusting = new TlsClientEndpoint(h.f.sim, "tls/pc2", other.certificateDer(), List.of(h.ca.certificateDer()),
                HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS13_AND_12, KeyLogSink.NONE, new CertificateCache());
        assertThat(trusting.trusted()).hasSize(2);
        HttpClient c = new HttpClient(h.f.sim, h.f.net.host(WebFixture.CLIENT),
                name -> CompletableFuture.completedFuture(WebFixture.SERVER), trusting, HttpClientConfig.defaults());
        var x = c.get("https://www.wirelab.test/");
        h.f.sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().ok()).as(x.join().toString()).isTrue();
    }

    /** Validity follows the client's clock: 398 days after the epoch the 397-day server certificate has expired. */
    @Test
    void anExpiredCertificate_failsTheHandshake() {
        Https h = new Https(TlsVersions.TLS13_AND_12, TlsVersions.TLS13_AND_12);
        TlsClientEndpoint late = new TlsClientEndpoint(h.f.sim, "tls/pc2", h.ca.certificateDer(),
                HttpServerConfig.DEFAULT_EPOCH + 398L * 86_400, TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        HttpClient c = new HttpClient(h.f.sim, h.f.net.host(WebFixture.CLIENT),
                name -> CompletableFuture.completedFuture(WebFixture.SERVER), late, HttpClientConfig.defaults());
        var x = c.get("https://www.wirelab.test/");
        h.f.sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
    }

    @Test
    void versionMismatch_failsTheHandshake() {
        Https h = new Https(TlsVersions.TLS12_ONLY, TlsVersions.TLS13_ONLY);
        assertThat(h.get("https://www.wirelab.test/").outcome()).isEqualTo(HttpOutcome.TLS_FAILED);
    }

    @Test
    void certificates_carryTheSans_andAreDeterministicPerSeed() throws Exception {
        LabCa a = LabCa.create(new Simulator(5).random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "ca");
        LabCa b = LabCa.create(new Simulator(5).random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "ca");
        LabCa c = LabCa.create(new Simulator(6).random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "ca");
        assertThat(a.certificateDer()).isEqualTo(b.certificateDer());
        assertThat(a.certificateDer()).isNotEqualTo(c.certificateDer());
        var ia = a.issue(List.of("www.wirelab.test", "wirelab.test"), List.of(Ipv4Address.parse("10.0.0.80")));
        var ib = b.issue(List.of("www.wirelab.test", "wirelab.test"), List.of(Ipv4Address.parse("10.0.0.80")));
        assertThat(ia.chainDer().getFirst()).isEqualTo(ib.chainDer().getFirst());
        var leaf = ia.leaf();
        leaf.verify(a.certificate().getPublicKey());
        assertThat(leaf.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .containsExactly("www.wirelab.test", "wirelab.test", "10.0.0.80");
        assertThat(TlsClientEndpoint.matches(leaf, "10.0.0.80")).isTrue();
        assertThat(TlsClientEndpoint.matches(leaf, "10.0.0.81")).isFalse();
        assertThat(a.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(a.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void sameSeed_sameSecrets_differentSeed_different() {
        assertThat(keyLogFor(1)).isEqualTo(keyLogFor(1));
        assertThat(keyLogFor(1)).isNotEqualTo(keyLogFor(2));
    }

    private static String keyLogFor(long seed) {
        Simulator sim = new Simulator(seed);
        var net = new io.wirelab.devices.stream.MemoryNetwork(sim, SimTime.millis(1), 10_000_000);
        LabCa ca = LabCa.create(sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "ca");
        KeyLog keys = new KeyLog();
        HttpServer server = new HttpServer(sim, HttpServerConfig.defaults()).addSite(WebFixture.pageSite("www.wirelab.test"));
        TlsServerEndpoint tls = new TlsServerEndpoint(sim, "tls/web1", ca.issue(List.of("www.wirelab.test"), List.of()),
                TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        server.listen(net.host(WebFixture.SERVER), 443, tls::accept);
        HttpClient c = new HttpClient(sim, net.host(WebFixture.CLIENT), n -> CompletableFuture.completedFuture(WebFixture.SERVER),
                new TlsClientEndpoint(sim, "tls/pc1", ca.certificateDer(), HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS13_AND_12, keys),
                HttpClientConfig.defaults());
        var x = c.get("https://www.wirelab.test/");
        sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().ok()).isTrue();
        return keys.text();
    }
}
