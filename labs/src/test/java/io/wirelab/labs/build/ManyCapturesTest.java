package io.wirelab.labs.build;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 12 finding 9: `captures: all` over more interfaces than file descriptors may be open (here
 * a limit lowered to 8 for 61 capture points) holds at most the limit open, and every file is a
 * complete capture of all its frames; a lab whose captures cannot be created leaves none behind.
 */
class ManyCapturesTest {
    private static LabSpec dhcpLab(int pcs) throws Exception {
        StringBuilder y = new StringBuilder("""
                nodes:
                  srv: { kind: server, ip: 10.0.0.1/24, services: { dhcp: { pool: 10.0.0.10-10.0.0.250 } } }
                  sw1: { kind: switch, ports: 64 }
                """);
        for (int i = 1; i <= pcs; i++) y.append("  pc").append(i).append(": { kind: pc, ip: dhcp }\n");
        y.append("links:\n  - [srv, sw1]\n");
        for (int i = 1; i <= pcs; i++) y.append("  - [pc").append(i).append(", sw1]\n");
        y.append("captures: all\n");
        return LabYamlReader.read("many.yaml", "many", y.toString(), name -> null);
    }

    @Test void capturesAll_overMoreFilesThanMayBeOpen_writesEveryFileWhole(@TempDir Path out) throws Exception {
        LabSpec spec = dhcpLab(60);
        assertThat(spec.captures()).hasSize(61);
        long[] frames = new long[61];
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.to(out).withMaxOpenCaptureFiles(8))) {
            lab.run(5_000_000_000L);
            assertThat(lab.captureFileHandles().mostOpen()).isEqualTo(8);
            for (int i = 0; i < 61; i++) frames[i] = lab.captures().get(i).frames();
        }
        for (int i = 0; i < 61; i++) {
            Path f = out.resolve(spec.captures().get(i).fileName());
            PcapFile file = PcapReader.read(f);
            assertThat(file.isComplete()).as(f.toString()).isTrue();
            assertThat(frames[i]).as(f + ": DISCOVER, OFFER, REQUEST, ACK at least").isGreaterThanOrEqualTo(4);
            assertThat((long) file.records().size()).as(f.toString()).isEqualTo(frames[i]);
        }
    }

    @Test void capturesThatCannotBeCreated_leaveNoPartialFiles(@TempDir Path out) throws Exception {
        LabSpec spec = dhcpLab(10);
        Files.createDirectories(out.resolve("pc5-eth0.pcapng"));      // a directory where a capture file must go
        LabBuildException e = catchThrowableOfType(LabBuildException.class,
                () -> LabBuilder.build(spec, LabBuilder.Options.to(out).withMaxOpenCaptureFiles(4)));
        assertThat(e).hasMessageContaining("cannot create captures in " + out);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pc5-eth0.pcapng");
        }
    }
}
