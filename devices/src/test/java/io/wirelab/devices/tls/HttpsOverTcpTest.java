package io.wirelab.devices.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.TcpWebLab;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.sim.SimTime;
import io.wirelab.testing.Tshark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS over the real TCP, captured to pcapng with the key log embedded (Decryption Secrets Blocks). */
class HttpsOverTcpTest {
    @TempDir Path dir;

    /** GET by name over TLS 1.3, then by IP over TLS 1.2; returns both exchanges. Capture on pc1:eth0. */
    private List<HttpExchange> run(long seed, Path file, KeyLog keys) throws IOException {
        TcpWebLab lab = new TcpWebLab(seed, HttpServerConfig.defaults());
        Capture capture = Capture.toFile(file, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "https test").tap(lab.pcPort);
        KeyLogSink sink = keys;
        LabCa ca = LabCa.create(lab.sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        TlsServerEndpoint tls = new TlsServerEndpoint(lab.sim, "tls/web1",
                ca.issue(List.of("www.wirelab.test"), List.of(TcpWebLab.WEB)), TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        lab.server.listen(new TcpTransport(lab.web.tcp(), TcpWebLab.HTTP_TCP), 443, tls::accept);
        HttpClient v13 = lab.client(HttpClientConfig.defaults(), new TlsClientEndpoint(lab.sim, "tls/pc1",
                ca.certificateDer(), HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS13_AND_12, sink));
        HttpClient v12 = lab.client(HttpClientConfig.defaults(), new TlsClientEndpoint(lab.sim, "tls/pc1-12",
                ca.certificateDer(), HttpServerConfig.DEFAULT_EPOCH, TlsVersions.TLS12_ONLY, sink));
        var a = v13.get("https://www.wirelab.test/index.html");
        lab.sim.runUntil(a, SimTime.seconds(5));
        var b = v12.get("https://10.0.0.80/img/i0.png");
        lab.sim.runUntil(b, SimTime.seconds(5));
        lab.sim.runFor(SimTime.seconds(10));                                             // idle timeout: close_notify + FIN
        capture.close();
        PcapngSecrets.inject(file, keys.text());
        return List.of(a.join(), b.join());
    }

    @Test
    void httpsGet_decryptsInTshark_fromTheEmbeddedKeyLog() throws IOException {
        Path file = dir.resolve("https.pcapng");
        KeyLog keys = new KeyLog();
        List<HttpExchange> x = run(7, file, keys);
        assertThat(x).allMatch(HttpExchange::ok);
        assertThat(x.get(0).timing().tlsNanos()).isGreaterThanOrEqualTo(SimTime.millis(20));
        assertThat(keys.lines()).hasSize(6);
        List<String> http = Tshark.run(file, "-Y", "http", "-T", "fields", "-e", "http.request.method",
                "-e", "http.request.uri", "-e", "http.response.code");
        assertThat(http).contains("GET\t/index.html\t", "GET\t/img/i0.png\t", "\t\t200");
        List<String> versions = Tshark.run(file, "-Y", "tls.handshake.type == 2", "-T", "fields", "-e", "tls.handshake.extensions.supported_version", "-e", "tls.handshake.version");
        assertThat(versions).hasSize(2);
        assertThat(Tshark.run(file, "-Y", "tls.handshake.extensions_server_name", "-T", "fields", "-e", "tls.handshake.extensions_server_name"))
                .containsExactly("www.wirelab.test");
        assertThat(Tshark.malformed(file)).isZero();
        assertThat(Tshark.badChecksums(file)).isZero();
        assertThat(Tshark.run(file, "-Y", "tls.alert_message", "-T", "fields", "-e", "tls.alert_message.desc"))
                .as("close_notify alerts decrypt too").isNotEmpty().allMatch(l -> l.contains("0"));
    }

    @Test
    void sameSeed_sameCaptureBytes_tlsIncluded() throws IOException {
        Path a = dir.resolve("a.pcapng"), b = dir.resolve("b.pcapng"), c = dir.resolve("c.pcapng");
        run(11, a, new KeyLog());
        run(11, b, new KeyLog());
        run(12, c, new KeyLog());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }
}
