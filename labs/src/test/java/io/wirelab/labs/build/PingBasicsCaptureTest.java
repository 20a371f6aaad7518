package io.wirelab.labs.build;

import io.wirelab.devices.host.PingOptions;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.testing.Tshark;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The acceptance for ping-basics, checked by tshark on the files the lab writes. */
class PingBasicsCaptureTest {
    @Test void pingBasics_capturesOpenCleanInTshark_withArpAndFourEchoPairs(@TempDir Path out) throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.resolve("ping-basics"), LabBuilder.Options.to(out))) {
            lab.await(lab.host("pc1").ping(Ipv4Address.parse("10.0.0.2"), PingOptions.defaults()), 10_000_000_000L);
        }
        for (String file : List.of("pc1-eth0.pcapng", "pc2-eth0.pcapng")) {
            Path f = out.resolve(file);
            assertThat(Tshark.malformed(f)).as(file).isZero();
            assertThat(Tshark.badChecksums(f)).as(file).isZero();
            assertThat(Tshark.expertWarnings(f)).as(file).isZero();
            assertThat(Tshark.count(f, "arp")).as(file).isEqualTo(2);
            assertThat(Tshark.count(f, "icmp.type == 8")).as(file).isEqualTo(4);
            assertThat(Tshark.count(f, "icmp.type == 0")).as(file).isEqualTo(4);
        }
        // icmp.resptime (ms): the reply arrives 4 x (1 ms + 9.76 us) after the request left pc1
        List<List<String>> times = Tshark.fields(out.resolve("pc1-eth0.pcapng"), "icmp.type == 0 && icmp.seq > 1", "icmp.resptime");
        assertThat(times).hasSize(3).allSatisfy(row -> assertThat(row.getFirst()).isEqualTo("4.03904"));
    }
}
