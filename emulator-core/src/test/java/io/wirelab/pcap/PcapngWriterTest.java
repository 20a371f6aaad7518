package io.wirelab.pcap;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcapngWriterTest {
    @TempDir Path dir;

    private static byte[] sample(int snaplenSecond) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "lab ping-basics, seed 1")) {
            int pc1 = w.addInterface("pc1:eth0", PcapngWriter.DEFAULT_SNAPLEN);
            int sw1 = w.addInterface("sw1:p1", snaplenSecond);
            w.writePacket(pc1, 1_000_000_123L, TestFrames.arpRequest());
            w.writePacket(sw1, 1_000_500_001L, TestFrames.arpRequest());
            w.writePacket(sw1, 1_001_000_002L, TestFrames.arpReply());
            w.writePacket(pc1, 1_001_500_003L, TestFrames.arpReply());
            byte[] req = TestFrames.echo(true, 1);
            w.writePacket(pc1, 2_000_000_000L, req, 0, req.length, "first ping");
            byte[] rep = TestFrames.echo(false, 1);
            w.writePacket(pc1, 5_000_000_000L + 999_999_999L, rep, 0, rep.length, null);
        }
        return out.toByteArray();
    }

    @Test
    void writtenFile_readsBack_withNamesNanosecondsCommentsAndSnaplen() throws IOException {
        PcapFile f = PcapReader.read(sample(64));
        assertThat(f.problem()).isEqualTo(PcapReader.Problem.NONE);
        assertThat(f.format()).isEqualTo(PcapFile.Format.PCAPNG);
        assertThat(f.interfaces()).extracting(PcapInterface::name).containsExactly("pc1:eth0", "sw1:p1");
        assertThat(f.interfaces()).extracting(PcapInterface::tsresolDescription).containsOnly("10^-9");
        assertThat(f.records()).extracting(PcapRecord::interfaceName)
                .containsExactly("pc1:eth0", "sw1:p1", "sw1:p1", "pc1:eth0", "pc1:eth0", "pc1:eth0");
        assertThat(f.records()).extracting(PcapRecord::timestampNanos)
                .containsExactly(1_000_000_123L, 1_000_500_001L, 1_001_000_002L, 1_001_500_003L, 2_000_000_000L, 5_999_999_999L);
        assertThat(f.records().get(4).comment()).isEqualTo("first ping");
        assertThat(f.records().get(5).comment()).isNull();
        assertThat(f.records().get(4).data()).isEqualTo(TestFrames.echo(true, 1));
        assertThat(f.records().get(1).capturedLength()).isEqualTo(42);
    }

    @Test
    void snaplen_cutsCapturedBytes_keepsOriginalLength() throws IOException {
        PcapFile f = PcapReader.read(sample(20));
        PcapRecord cut = f.records().get(1);
        assertThat(cut.capturedLength()).isEqualTo(20);
        assertThat(cut.originalLength()).isEqualTo(42);
        assertThat(cut.data()).isEqualTo(java.util.Arrays.copyOf(TestFrames.arpRequest(), 20));
    }

    @Test
    void blocks_areLittleEndian_paddedTo32Bits_withTrailingLengthEqualToLeading() throws IOException {
        byte[] b = sample(64);
        int at = 0, blocks = 0;
        while (at < b.length) {
            int len = io.wirelab.wire.Bytes.le32(b, at + 4);
            assertThat(len % 4).isZero();
            assertThat(io.wirelab.wire.Bytes.le32(b, at + len - 4)).isEqualTo(len);
            at += len;
            blocks++;
        }
        assertThat(at).isEqualTo(b.length);
        assertThat(blocks).isEqualTo(1 + 2 + 6);
        assertThat(io.wirelab.wire.Bytes.le32(b, 8)).isEqualTo(0x1A2B3C4D);
        assertThat(new String(b, 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("wirelab");
    }

    @Test
    void sameInput_givesByteIdenticalFiles() throws IOException {
        assertThat(sample(64)).isEqualTo(sample(64));
    }

    @Test
    void everyPrefixEndingAtABlock_isAValidFile() throws IOException {
        byte[] b = sample(64);
        int blockEnd = io.wirelab.wire.Bytes.le32(b, 4);            // after the SHB only
        PcapFile head = PcapReader.read(java.util.Arrays.copyOf(b, blockEnd));
        assertThat(head.problem()).isEqualTo(PcapReader.Problem.NONE);
        assertThat(head.records()).isEmpty();
        PcapFile torn = PcapReader.read(java.util.Arrays.copyOf(b, b.length - 10));
        assertThat(torn.problem()).isEqualTo(PcapReader.Problem.TRUNCATED);
        assertThat(torn.records()).hasSize(5);
    }

    @Test
    void tshark_opensIt_withoutWarnings_showingInterfaceNamesAndNanoseconds() throws IOException {
        Path file = dir.resolve("sample.pcapng");
        Files.write(file, sample(PcapngWriter.DEFAULT_SNAPLEN));
        assertThat(Tshark.frames(file)).isEqualTo(6);
        assertThat(Tshark.malformed(file)).isZero();
        assertThat(Tshark.badChecksums(file)).isZero();
        assertThat(Tshark.expertWarnings(file)).isZero();
        List<List<String>> rows = Tshark.fields(file, null, "frame.interface_name", "frame.time_epoch", "frame.comment", "_ws.col.Protocol");
        assertThat(rows).extracting(r -> r.get(0))
                .containsExactly("pc1:eth0", "sw1:p1", "sw1:p1", "pc1:eth0", "pc1:eth0", "pc1:eth0");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly(
                "1.000000123", "1.000500001", "1.001000002", "1.001500003", "2.000000000", "5.999999999");
        assertThat(rows.get(4).get(2)).isEqualTo("first ping");
        assertThat(rows).extracting(r -> r.get(3)).containsExactly("ARP", "ARP", "ARP", "ARP", "ICMP", "ICMP");
        assertThat(Tshark.count(file, "icmp.resp_to == 5")).isEqualTo(1);
    }

    @Test
    void flagsAndCommentAfterAnOddLengthFrame_arePaddedTo32BitsInPlace() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = java.util.Arrays.copyOf(TestFrames.echo(true, 3), 97);   // 97 bytes: three bytes of padding
        try (PcapngWriter w = new PcapngWriter(out)) {
            int id = w.addInterface("pc1:eth0", 65535);
            w.writePacket(id, 7, frame, 0, frame.length, "note", PcapngWriter.FLAGS_INBOUND_CRC_ERROR);
            w.writePacket(id, 8, frame, 0, frame.length, "odd", 0);
        }
        byte[] b = out.toByteArray();
        int at = io.wirelab.wire.Bytes.le32(b, 4);                   // after the SHB
        at += io.wirelab.wire.Bytes.le32(b, at + 4);                  // and the IDB
        int first = io.wirelab.wire.Bytes.le32(b, at + 4);
        assertThat(first).isEqualTo(28 + 100 + 8 + 8 + 4 + 4);       // frame and padding, flags, "note", end of options, length
        byte[] options = java.util.Arrays.copyOfRange(b, at + 28 + 97, at + first);
        assertThat(options).containsExactly(0, 0, 0,                 // padding
                2, 0, 4, 0, 1, 0, 0, 1,                               // epb_flags: inbound, CRC error
                1, 0, 4, 0, 'n', 'o', 't', 'e',                       // opt_comment
                0, 0, 0, 0,                                           // opt_endofopt
                (byte) first, 0, 0, 0);
        assertThat(io.wirelab.wire.Bytes.le32(b, at + first + 4)).isEqualTo(28 + 100 + 8 + 4 + 4);   // "odd" padded to 4
        PcapFile f = PcapReader.read(b);
        assertThat(f.isComplete()).isTrue();
        assertThat(f.records()).extracting(PcapRecord::comment).containsExactly("note", "odd");
        assertThat(f.records()).extracting(PcapRecord::data).containsOnly(frame);
        Path file = dir.resolve("flags.pcapng");
        Files.write(file, b);
        assertThat(Tshark.fields(file, null, "frame.comment", "frame.len")).containsExactly(List.of("note", "97"), List.of("odd", "97"));
        assertThat(Tshark.count(file, "frame.packet_flags_crc_error == 1")).isEqualTo(1);
    }

    @Test
    void aPacketRefusedInTheMiddleOfItsBlock_leavesNoPartOfItInTheFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = TestFrames.arpRequest();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int id = w.addInterface("pc1:eth0", 65535);
            assertThatThrownBy(() -> w.writePacket(id, 1, frame, 0, frame.length, "x".repeat(70_000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
            w.writePacket(id, 2, frame);
        }
        PcapFile f = PcapReader.read(out.toByteArray());
        assertThat(f.isComplete()).isTrue();
        assertThat(f.records()).extracting(PcapRecord::timestampNanos).containsExactly(2L);
    }

    @Test
    void tshark_detectsACorruptedChecksum_soTheCleanResultAboveMeansSomething() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out)) {
            int id = w.addInterface("pc1:eth0", 65535);
            byte[] bad = TestFrames.echo(true, 7);
            bad[14 + 20 + 8] ^= 1;                                   // payload bit flip: ICMP checksum now wrong
            w.writePacket(id, 0, bad);
        }
        Path file = dir.resolve("bad.pcapng");
        Files.write(file, out.toByteArray());
        assertThat(Tshark.badChecksums(file)).isEqualTo(1);
        assertThat(Tshark.expertWarnings(file)).isEqualTo(1);
    }
}
