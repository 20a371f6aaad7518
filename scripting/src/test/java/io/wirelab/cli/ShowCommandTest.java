package io.wirelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ShowCommandTest {
    @TempDir Path dir;

    @Test void printsOneLinePerFrame_arpThenEchoPairs() {
        assertThat(CliRun.of("run", "ping-basics", "--out", dir.toString()).exitCode()).isZero();
        CliRun show = CliRun.of("show", dir.resolve("pc1-eth0.pcapng").toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        var lines = show.out().lines().toList();
        assertThat(lines).hasSize(10);                              // ARP request + reply, 4 x (request + reply)
        assertThat(lines.get(0)).startsWith("0.000000000 pc1:eth0 ").contains("ARP").contains("10.0.0.2");
        assertThat(lines.stream().filter(l -> l.contains("ICMP echo request"))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.contains("ICMP echo reply"))).hasSize(4);
    }

    @Test void countLimitsTheOutput() {
        assertThat(CliRun.of("run", "ping-basics", "--out", dir.toString()).exitCode()).isZero();
        CliRun show = CliRun.of("show", "--count", "3", dir.resolve("pc2-eth0.pcapng").toString());
        assertThat(show.out().lines()).hasSize(3);
    }

    @Test void notACapture_orMissing_isAUsageError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pcapng"), "hello, not a capture");
        CliRun bad = CliRun.of("show", junk.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("not a pcap or pcapng file");
        CliRun missing = CliRun.of("show", dir.resolve("nope.pcapng").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test void truncatedCapture_printsWhatItCan_andExits1() throws Exception {
        assertThat(CliRun.of("run", "ping-basics", "--out", dir.toString()).exitCode()).isZero();
        byte[] whole = Files.readAllBytes(dir.resolve("pc1-eth0.pcapng"));
        Path cut = Files.write(dir.resolve("cut.pcapng"), java.util.Arrays.copyOf(whole, whole.length - 50));
        CliRun show = CliRun.of("show", cut.toString());
        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.out().lines()).hasSize(9);
        assertThat(show.err()).contains("cut.pcapng: stopped at byte ").contains(" after 9 frames: the file ends inside a block: the capture was cut short")
                .doesNotContain("Exception");
    }

    @Test void aCaptureOver2GiB_isShownFrameByFrame() throws Exception {
        // issue 12 finding 7: Files.readAllBytes died with OutOfMemoryError. A sparse file: only the record headers are written.
        int record = 16 + 65_535;
        long records = Integer.MAX_VALUE / record + 10;
        Path big = dir.resolve("big.pcap");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            byte[] header = new byte[24];
            io.wirelab.wire.Bytes.putLe32(header, 0, io.wirelab.pcap.PcapWriter.MAGIC_NANOS);
            io.wirelab.wire.Bytes.putLe16(header, 4, 2);
            io.wirelab.wire.Bytes.putLe16(header, 6, 4);
            io.wirelab.wire.Bytes.putLe32(header, 16, 65_535);
            io.wirelab.wire.Bytes.putLe32(header, 20, 1);
            f.write(header);
            byte[] rh = new byte[16];
            io.wirelab.wire.Bytes.putLe32(rh, 8, 65_535);
            io.wirelab.wire.Bytes.putLe32(rh, 12, 65_535);
            for (long k = 0; k < records; k++) {
                io.wirelab.wire.Bytes.putLe32(rh, 0, (int) k);                // one second apart
                f.seek(24 + k * record);
                f.write(rh);
            }
            f.setLength(24 + records * record);
        }
        assertThat(Files.size(big)).isGreaterThan(Integer.MAX_VALUE);
        CliRun show = CliRun.of("show", big.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out().lines().count()).isEqualTo(records);
        assertThat(show.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith((records - 1) + ".000000000 ");
    }

    @Test void aCorruptCapture_saysWhatIsWrong_withoutAStackTrace() throws Exception {
        assertThat(CliRun.of("run", "ping-basics", "--out", dir.toString()).exitCode()).isZero();
        byte[] b = Files.readAllBytes(dir.resolve("pc1-eth0.pcapng"));
        int shb = io.wirelab.wire.Bytes.le32(b, 4);
        io.wirelab.wire.Bytes.putLe32(b, shb + 4, 0x7fff_fffc);                // the interface block claims 2 GB
        Path bad = Files.write(dir.resolve("bad.pcapng"), b);
        CliRun show = CliRun.of("show", bad.toString());
        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).isEqualTo("wirelab: " + bad + ": stopped at byte " + shb + " after 0 frames: a block is larger than 16 MiB: the capture is damaged\n");
    }
}
