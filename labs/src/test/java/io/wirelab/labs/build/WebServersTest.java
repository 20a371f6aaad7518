package io.wirelab.labs.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wirelab.devices.web.CloseMode;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.WebServerSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.WebService;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** services: web: in a lab: names from the DNS zones, HTTPS with a lab-CA certificate, limits, directory. */
class WebServersTest {
    static final String LAB = """
            name: webtest
            nodes:
              pc1: { kind: pc, ip: 10.0.0.10/24, dns: 10.0.0.53 }
              dns1:
                kind: server
                ip: 10.0.0.53/24
                services: { dns: { zones: { lab.test: { www: 10.0.0.80, "@": 10.0.0.80, other: 10.0.0.99 } } } }
              web1:
                kind: server
                ip: 10.0.0.80/24
                services:
                  web: { https: true, names: [Intranet.Lab.Test], keepalive-max: 3, keepalive-timeout: 2s, close: abrupt,
                         pages: { /: "<html>hi</html>", /big.txt: { size: 100 } } }
              sw1: { kind: switch, ports: 4 }
            links: [[pc1, sw1], [dns1, sw1], [web1, sw1]]
            """;

    @TempDir Path dir;

    static LabSpec read(String yaml) throws LabFileException { return LabYamlReader.read("t.yaml", "t", yaml, n -> null); }

    @Test void readerTakesEveryWebKey() throws Exception {
        WebServerSpec w = read(LAB).node("web1").services().web();
        assertThat(w.port()).isEqualTo(80);
        assertThat(w.httpsPort()).isEqualTo(443);
        assertThat(w.names()).containsExactly("intranet.lab.test");
        assertThat(w.keepAliveMax()).isEqualTo(3);
        assertThat(w.keepAliveTimeoutNanos()).isEqualTo(SimTime.seconds(2));
        assertThat(w.abruptClose()).isTrue();
        assertThat(read(LAB.replace("https: true", "https: 8443")).node("web1").services().web().httpsPort()).isEqualTo(8443);
        assertThat(read(LAB.replace("https: true", "https: false")).node("web1").services().web().https()).isFalse();
    }

    @Test void readerRejectsBadWebSettings() {
        assertThat(problems(LAB.replace("https: true", "https: 80"))).anyMatch(p -> p.contains("cannot share port 80"));
        assertThat(problems(LAB.replace("close: abrupt", "close: rude"))).anyMatch(p -> p.contains("graceful or abrupt"));
        assertThat(problems(LAB.replace("Intranet.Lab.Test", "bad_name!"))).anyMatch(p -> p.contains("not a host name"));
        assertThat(problems(LAB.replace("close: abrupt", "directory: site"))).anyMatch(p -> p.contains("needs a lab file on disk"));
    }

    @Test void directoryNextToTheLabFile_isServed() throws Exception {
        Files.createDirectories(dir.resolve("site/img"));
        Files.writeString(dir.resolve("site/index.html"), "<html>from disk</html>");
        Files.writeString(dir.resolve("site/img/a.txt"), "A");
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, LAB.replace("close: abrupt", "directory: site"));
        LabSpec spec = LabYamlReader.read(file);
        assertThat(spec.node("web1").services().web().directory()).isEqualTo(dir.resolve("site").toAbsolutePath().normalize());
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.withoutCaptures())) {
            HttpExchange x = fetch(lab, "http://10.0.0.80/img/a.txt");
            assertThat(x.response().bodyText()).isEqualTo("A");
            assertThat(fetch(lab, "http://10.0.0.80/").response().bodyText()).isEqualTo("<html>from disk</html>");
        }
        Files.writeString(file, LAB.replace("close: abrupt", "directory: nosuch"));
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> LabYamlReader.read(file));
        assertThat(e.problems()).extracting(LabProblem::toString).anyMatch(p -> p.contains("no directory nosuch"));
    }

    @Test void server_answersForItsZoneNames_withACertificateForThemAndItsAddress() throws Exception {
        try (Lab lab = LabBuilder.build(read(LAB), LabBuilder.Options.withoutCaptures())) {
            WebService web = lab.runtime("web1").web();
            HttpServer server = web.server();
            assertThat(server.config().maxRequests()).isEqualTo(3);
            assertThat(server.config().idleTimeoutNanos()).isEqualTo(SimTime.seconds(2));
            assertThat(server.config().closeMode()).isEqualTo(CloseMode.ABRUPT);
            assertThat(server.sites().getFirst().names()).containsExactly("intranet.lab.test", "www.lab.test", "lab.test", "10.0.0.80");
            assertThat(web.identity().dnsNames()).containsExactly("intranet.lab.test", "www.lab.test", "lab.test");
            assertThat(web.identity().addresses()).containsExactly(Ipv4Address.parse("10.0.0.80"));
            assertThat(web.identity().leaf().getIssuerX500Principal()).isEqualTo(lab.tls().ca().certificate().getSubjectX500Principal());

            HttpExchange byName = fetch(lab, "https://www.lab.test/");
            assertThat(byName.ok()).as(byName.toString()).isTrue();
            assertThat(byName.response().bodyText()).isEqualTo("<html>hi</html>");
            assertThat(byName.timing().tlsNanos()).isPositive();
            HttpExchange big = fetch(lab, "https://10.0.0.80/big.txt");
            assertThat(big.response().body()).hasSize(100);
            assertThat(new String(big.response().body(), 0, 20, StandardCharsets.US_ASCII)).isEqualTo("/big.txt 0000000000\n");
            assertThat(web.tls().handshakes()).extracting(h -> h.sni()).containsExactly("www.lab.test", "");
            assertThat(lab.tls().keyLog().lines()).anyMatch(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 "));
        }
    }

    @Test void labWithoutHttps_neverMakesACa_andWritesNoTlsFiles() throws Exception {
        LabSpec spec = read(LAB.replace("https: true", "https: false"));
        Lab lab = LabBuilder.build(spec, LabBuilder.Options.to(dir));
        assertThat(fetch(lab, "http://www.lab.test/").ok()).isTrue();
        lab.close();
        assertThat(lab.tls().inUse()).isFalse();
        assertThat(lab.tlsFiles()).isEmpty();
        assertThat(dir.resolve("lab-ca.pem")).doesNotExist();
    }

    @Test void httpsLab_writesCaAndKeyLog_atClose() throws Exception {
        Lab lab = LabBuilder.build(read(LAB), LabBuilder.Options.to(dir));
        assertThat(fetch(lab, "https://www.lab.test/").ok()).isTrue();
        lab.close();
        assertThat(lab.tlsFiles()).containsExactly(dir.resolve("lab-ca.pem"), dir.resolve("keys.log"));
        assertThat(Files.readString(dir.resolve("lab-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(Files.readAllLines(dir.resolve("keys.log"))).hasSize(lab.tls().keyLog().lines().size()).isNotEmpty();
    }

    private static HttpExchange fetch(Lab lab, String url) {
        var client = lab.runtime("pc1").http().client(HttpClientConfig.defaults());
        return lab.await(client.get(url), SimTime.seconds(60));
    }

    private static List<String> problems(String yaml) {
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> read(yaml));
        assertThat(e).as("expected problems in:\n" + yaml).isNotNull();
        return e.problems().stream().map(LabProblem::toString).toList();
    }
}
