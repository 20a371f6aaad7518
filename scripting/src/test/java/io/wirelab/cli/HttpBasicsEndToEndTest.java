package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo lab: wirelab run http-basics --out DIR twice; captures, CA and key log checked (tshark). */
class HttpBasicsEndToEndTest {
    /** 4 steps, 5 serial page objects, 1 pipelined connection. */
    static final int CONNECTIONS = 10;
    /** HTTPS by IP, HTTPS by name, 5 serial objects, 1 pipelined connection. */
    static final int TLS_HANDSHAKES = 8;

    @TempDir static Path dir;
    static CliRun first, second;
    static Path out1, out2;

    @BeforeAll static void runTwice() {
        CliRun[] runs = CliRun.twice("http-basics", dir);
        first = runs[0];
        second = runs[1];
        out1 = dir.resolve("run1");
        out2 = dir.resolve("run2");
    }

    static List<Path> files(Path outDir) throws Exception { return CliRun.files(outDir, ""); }

    static Path pc() { return out1.resolve("pc1-eth0.pcapng"); }

    @Test void scriptPasses_printingEveryStepWithItsTimings() {
        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("pc1: DHCP eth0 10.0.0.100/24 from 10.0.0.1, dns 10.0.0.53, domain wirelab.test");
        assertThat(first.out()).contains("2 packets transmitted, 2 received");
        for (String url : List.of("http://10.0.0.80/", "https://10.0.0.80/", "http://www.wirelab.test/", "https://www.wirelab.test/"))
            assertThat(first.out()).contains("pc1$ GET " + url + "\n  200 OK, ");
        assertThat(first.out()).contains("serial: 5 objects over 5 connections in ", "pipelined, depth 10, 1 connection: 5 objects over 1 connection in ");
        assertThat(first.out()).contains("lab-ca.pem", "keys.log");
    }

    @Test void twoRunsWithTheSameSeed_writeByteIdenticalFiles() throws Exception {
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEqualTo(first.out().replace(out1.toString(), out2.toString()));
        List<Path> a = files(out1), b = files(out2);
        assertThat(a).extracting(p -> p.getFileName().toString()).containsExactly(
                "dhcp1-eth0.pcapng", "dns1-eth0.pcapng", "keys.log", "lab-ca.pem", "pc1-eth0.pcapng", "web1-eth0.pcapng");
        for (int i = 0; i < a.size(); i++)
            assertThat(Files.readAllBytes(a.get(i))).as(a.get(i).getFileName().toString()).isEqualTo(Files.readAllBytes(b.get(i)));
    }

    @Test void labCa_isACaCertificate_andKeyLogHoldsTls13AndTls12Secrets() throws Exception {
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(out1.resolve("lab-ca.pem"))));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).contains("http-basics");
        List<String> keys = Files.readAllLines(out1.resolve("keys.log"));
        assertThat(keys).isNotEmpty().allMatch(l -> l.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+"));
        assertThat(keys.stream().filter(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 "))).hasSize(TLS_HANDSHAKES);
    }

    @Test void pcWire_showsDoraDnsAndPings() {
        Path f = pc();
        for (int type = 1; type <= 3; type += 2) assertThat(Tshark.count(f, "dhcp.option.dhcp == " + type)).as("DHCP " + type).isPositive();
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 2")).as("OFFER").isPositive();
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 5")).as("ACK").isPositive();
        assertThat(Tshark.count(f, "dns.flags.response == 0 && dns.qry.type == 1 && dns.qry.name == \"www.wirelab.test\"")).isPositive();
        assertThat(Tshark.count(f, "dns.flags.response == 1 && dns.flags.authoritative == 1 && dns.a == 10.0.0.80")).isPositive();
        assertThat(Tshark.count(f, "icmp.type == 8 && ip.dst == 10.0.0.80")).isEqualTo(4);
        assertThat(Tshark.count(f, "icmp.type == 0 && ip.src == 10.0.0.80 && icmp.resp_to")).isEqualTo(4);
    }

    @Test void pcWire_showsTcpHandshakesAndFinCloses_forEveryConnection() {
        Path f = pc();
        assertThat(Tshark.count(f, "tcp.flags.syn == 1 && tcp.flags.ack == 0 && ip.dst == 10.0.0.80")).isEqualTo(CONNECTIONS);
        assertThat(Tshark.count(f, "tcp.flags.syn == 1 && tcp.flags.ack == 1 && ip.src == 10.0.0.80")).isEqualTo(CONNECTIONS);
        List<List<String>> fins = Tshark.fields(f, "tcp.flags.fin == 1", "tcp.stream");
        assertThat(fins.stream().map(r -> r.getFirst()).distinct()).as("streams closed with FIN").hasSize(CONNECTIONS);
        assertThat(fins).as("FIN in both directions").hasSize(2 * CONNECTIONS);
        assertThat(Tshark.count(f, "tcp.flags.reset == 1")).as("no resets").isZero();
    }

    @Test void plainHttp_showsGetAnd200() {
        Path f = pc();
        assertThat(Tshark.count(f, "http.request.method == \"GET\" && tcp.port == 80 && http.host == \"10.0.0.80\"")).isEqualTo(1);
        assertThat(Tshark.count(f, "http.request.method == \"GET\" && tcp.port == 80 && http.host == \"www.wirelab.test\"")).isEqualTo(1);
        assertThat(Tshark.count(f, "http.response.code == 200 && tcp.port == 80")).isEqualTo(2);
    }

    @Test void https_showsTlsHandshakes_andTheEmbeddedSecretsDecryptTheHttpInside() {
        Path f = pc();
        assertThat(Tshark.count(f, "tls.handshake.type == 1")).as("ClientHello").isEqualTo(TLS_HANDSHAKES);
        assertThat(Tshark.count(f, "tls.handshake.type == 2")).as("ServerHello").isEqualTo(TLS_HANDSHAKES);
        assertThat(Tshark.count(f, "tls.handshake.extensions_server_name == \"www.wirelab.test\"")).isEqualTo(TLS_HANDSHAKES - 1);
        // 1 by IP + 1 by name + 5 serial + 5 pipelined requests, all inside TLS
        assertThat(Tshark.count(f, "tls && http.request.method == \"GET\"")).isEqualTo(12);
        assertThat(Tshark.count(f, "tls && http.response.code == 200")).isPositive();
        List<String> uris = Tshark.run(f, "-Y", "tls && http.request", "-T", "fields", "-e", "http.request.uri");
        assertThat(uris).contains("/", "/style.css", "/app.js", "/logo.svg", "/notes.txt");
        // the web server's own capture decrypts too
        assertThat(Tshark.count(out1.resolve("web1-eth0.pcapng"), "tls && http.request")).isPositive();
    }

    @Test void everyCapture_hasNoMalformedPacketsBadChecksumsNorWarnings() throws Exception {
        for (Path f : files(out1)) {
            if (!f.toString().endsWith(".pcapng")) continue;
            assertThat(Tshark.frames(f)).as(f + " frames").isPositive();
            assertThat(Tshark.malformed(f)).as(f + " malformed").isZero();
            assertThat(Tshark.badChecksums(f)).as(f + " bad checksums").isZero();
            assertThat(Tshark.expertWarnings(f)).as(f + " expert warnings").isZero();
        }
    }
}
