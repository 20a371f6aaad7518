package io.wirelab.labs.run;

import io.wirelab.bridge.PacketDevice;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 12 finding 11: in a real-time (bridged) lab certificates are dated from the real clock, a
 * host can trust: a further CA from a file in the lab's folder, and lab-ca.pem is written at start.
 */
class LabCertificatesTest {
    private static final Instant REAL_NOW = Instant.parse("2031-06-01T12:00:00Z");

    /** A bridge's interface that opens and never sees a frame. */
    static final class QuietDevice implements PacketDevice {
        @Override public void open(String ifname, boolean promiscuous, int snaplen) {}
        @Override public boolean seesOwnFrames() { return false; }
        @Override public int receive(java.util.List<CapturedFrame> into) { return 0; }
        @Override public void inject(byte[] frame, int offset, int length) {}
        @Override public String lastError() { return ""; }
        @Override public void close() {}
    }

    private static final String HTTPS_SERVER = "  web1: { kind: server, ip: 198.18.0.80/24, services: { web: { https: true, names: [www.lab.test] } } }\n";

    @Test void aBridgedLab_datesItsCertificatesFromTheRealClock(@TempDir Path out) throws Exception {
        LabSpec spec = LabYamlReader.read("b.yaml", "b", "nodes:\n  up: { kind: bridge, interface: veth9 }\n  sw1: { kind: switch }\n" + HTTPS_SERVER
                + "links:\n  - [up, sw1]\n  - [web1, sw1]\n", n -> null);
        try (Lab lab = new LabBuilder(new StandardServices()).packetDevices(QuietDevice::new).wallClock(Clock.fixed(REAL_NOW, ZoneOffset.UTC))
                .buildLab(spec, LabBuilder.Options.to(out))) {
            assertThat(lab.tls().epochSeconds()).isEqualTo(REAL_NOW.getEpochSecond());
            var ca = lab.tls().ca().certificate();
            var leaf = lab.runtime("web1").web().identity().leaf();
            for (var cert : List.of(ca, leaf)) cert.checkValidity(Date.from(REAL_NOW.plusSeconds(86_400)));
            assertThat(leaf.getNotAfter().toInstant()).isAfter(REAL_NOW.plusSeconds(300L * 86_400));
        }
    }

    @Test void aRealTimeLabWithoutBridge_datesItsCertificatesFromTheRealClock(@TempDir Path out) throws Exception {
        LabSpec spec = LabYamlReader.read("r.yaml", "r", "nodes:\n  sw1: { kind: switch }\n" + HTTPS_SERVER + "links:\n  - [web1, sw1]\n", n -> null);
        try (Lab lab = new LabBuilder(new StandardServices()).realTime(true).wallClock(Clock.fixed(REAL_NOW, ZoneOffset.UTC))
                .buildLab(spec, LabBuilder.Options.to(out))) {
            assertThat(lab.isRealTime()).isTrue();
            assertThat(lab.tls().epochSeconds()).isEqualTo(REAL_NOW.getEpochSecond());
            lab.runtime("web1").web().identity().leaf().checkValidity(Date.from(REAL_NOW.plusSeconds(86_400)));
            assertThat(lab.runtime("web1").web().server().config().epochSeconds()).as("the Date: header's clock").isEqualTo(REAL_NOW.getEpochSecond());
        }
    }

    @Test void aVirtualLab_keepsTheFixedLabDate_andWritesLabCaPemAtStart(@TempDir Path out) throws Exception {
        LabSpec spec = LabYamlReader.read("v.yaml", "v", "nodes:\n  sw1: { kind: switch }\n" + HTTPS_SERVER + "links:\n  - [web1, sw1]\n", n -> null);
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.to(out))) {
            assertThat(lab.tls().epochSeconds()).isEqualTo(HttpServerConfig.DEFAULT_EPOCH);
            Path pem = out.resolve(LabTls.CA_FILE);
            assertThat(pem).as("written at start, before the lab closes").exists();
            assertThat(Files.readString(pem)).isEqualTo(lab.tls().ca().certificatePem());
        }
    }

    private static Path labFile(Path dir, String trust) throws Exception {
        Path lab = dir.resolve("lab.yaml");
        Files.writeString(lab, "nodes:\n  pc1: { kind: pc, ip: 10.0.0.1/24, trust: " + trust + " }\n");
        return lab;
    }

    @Test void trust_readsCertificatesFromTheLabsFolder_andTheHostsClientsTrustThem(@TempDir Path dir) throws Exception {
        LabCa other = LabCa.create(new Simulator(7).random("other"), HttpServerConfig.DEFAULT_EPOCH, "a real server's root");
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/root.pem"), other.certificatePem());
        LabSpec spec = LabYamlReader.read(labFile(dir, "[certs/root.pem]"));
        assertThat(spec.node("pc1").trust()).singleElement().isEqualTo(other.certificateDer());
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.withoutCaptures())) {
            assertThat(lab.runtime("pc1").http().tlsClient().trusted())
                    .containsExactly(lab.tls().ca().certificate(), other.certificate());
        }
    }

    @Test void trust_outsideTheLabsFolderOrNotACertificate_isRefusedAtItsValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.pem"), "not a certificate");
        Path outside = Files.createTempFile("outside", ".pem");
        try {
            Files.createSymbolicLink(dir.resolve("link.pem"), outside);
            for (var c : List.of(
                    List.of("/etc/ssl/certs/ca-certificates.crt", "is outside the lab file's folder"),
                    List.of("../x.pem", "is outside the lab file's folder"),
                    List.of("link.pem", "links outside the lab file's folder"),
                    List.of("missing.pem", "no file missing.pem next to the lab file"),
                    List.of("notes.pem", "holds no readable certificate"))) {
                Path lab = labFile(dir, "[" + c.get(0) + "]");
                LabFileException e = catchThrowableOfType(LabFileException.class, () -> LabYamlReader.read(lab));
                assertThat(e).as(c.get(0)).isNotNull();
                assertThat(e.problems()).as(c.get(0)).singleElement().extracting(LabProblem::toString).asString()
                        .startsWith(lab + ":2:45: ").contains(c.get(1));
            }
        } finally {
            Files.deleteIfExists(outside);
        }
    }
}
