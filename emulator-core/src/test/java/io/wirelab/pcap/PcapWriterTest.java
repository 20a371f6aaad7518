package io.wirelab.pcap;

import io.wirelab.testing.Tshark;
import io.wirelab.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PcapWriterTest {
    @TempDir Path dir;

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, 65535)) {
            w.writePacket(7, TestFrames.arpRequest());
            w.writePacket(1_000_007L, TestFrames.arpReply());
            w.writePacket(3_000_000_001L, TestFrames.echo(true, 1));
            w.writePacket(3_000_100_002L, TestFrames.echo(false, 1));
        }
        return out.toByteArray();
    }

    @Test
    void header_usesNanosecondMagic_ethernet_version24() throws IOException {
        byte[] b = sample();
        assertThat(Bytes.le32(b, 0)).isEqualTo(0xa1b23c4d);
        assertThat(Bytes.le16(b, 4)).isEqualTo(2);
        assertThat(Bytes.le16(b, 6)).isEqualTo(4);
        assertThat(Bytes.le32(b, 16)).isEqualTo(65535);
        assertThat(Bytes.le32(b, 20)).isEqualTo(1);
        assertThat(Bytes.le32(b, 24)).isZero();                        // first record: 0 s
        assertThat(Bytes.le32(b, 28)).isEqualTo(7);                    // 7 ns
    }

    @Test
    void readsBack_withNanosecondTimestamps() throws IOException {
        PcapFile f = PcapReader.read(sample());
        assertThat(f.format()).isEqualTo(PcapFile.Format.PCAP);
        assertThat(f.problem()).isEqualTo(PcapReader.Problem.NONE);
        assertThat(f.records()).extracting(PcapRecord::timestampNanos).containsExactly(7L, 1_000_007L, 3_000_000_001L, 3_000_100_002L);
        assertThat(f.records().get(2).data()).isEqualTo(TestFrames.echo(true, 1));
    }

    @Test
    void tshark_opensIt_cleanly_withNanosecondTimes() throws IOException {
        Path file = dir.resolve("sample.pcap");
        Files.write(file, sample());
        assertThat(Tshark.malformed(file)).isZero();
        assertThat(Tshark.badChecksums(file)).isZero();
        assertThat(Tshark.expertWarnings(file)).isZero();
        List<List<String>> rows = Tshark.fields(file, null, "frame.time_epoch", "frame.len");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("0.000000007", "0.001000007", "3.000000001", "3.000100002");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("42", "42", "98", "98");
    }
}
