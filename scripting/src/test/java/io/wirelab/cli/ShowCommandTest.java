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
        assertThat(show.err()).contains("TRUNCATED");
    }
}
