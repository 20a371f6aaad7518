package io.wirelab.cli;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's lossy path: the built-in tcp-bulk lab (10 MB, 1% loss on each link) with each congestion
 * control, SACK agreed, so RACK-TLP and PRR recover. tshark sees no spurious retransmission at the
 * sender, and SACK recovery beats the NewReno-only stack (10.503 s, 7.62 Mbit/s, before issue 11).
 */
class TcpBulkCongestionEndToEndTest {
    static final double GOODPUT_BEFORE_SACK_RECOVERY = 7.62;
    /** Linux 6.18, CUBIC, on the same path: median of 10 runs (tools/linux-lossy-path.py, docs/conformance-tcp.md). */
    static final double LINUX_MEDIAN = 9.31;
    static final Pattern SUMMARY = Pattern.compile("10000000 bytes in [0-9.]+ ms .*: ([0-9.]+) Mbit/s, ([0-9]+) retransmits");

    @TempDir Path dir;

    /** tcp-bulk as built in, with every host's tcp: { congestion: name }. */
    Path labWith(String congestion) throws IOException {
        String yaml = resource("tcp-bulk.yaml")
                .replace("  link: { bandwidth: 100Mbps, delay: 2ms, loss: 1% }",
                        "  link: { bandwidth: 100Mbps, delay: 2ms, loss: 1% }\n  tcp: { congestion: " + congestion + " }");
        assertThat(yaml).contains("congestion: " + congestion);
        Files.writeString(dir.resolve("tcp-bulk.groovy"), resource("tcp-bulk.groovy"));
        Path lab = dir.resolve("tcp-bulk-" + congestion + ".yaml");
        Files.writeString(lab, yaml);
        return lab;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TcpBulkCongestionEndToEndTest.class.getResourceAsStream("/io/wirelab/labs/builtin/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest @ValueSource(strings = {"cubic", "newreno", "reno"})
    void noSpuriousRetransmission_andSackRecoveryBeatsTheOldGoodput(String congestion) throws IOException {
        Path out = dir.resolve("out-" + congestion);
        CliRun run = CliRun.of("run", labWith(congestion).toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Matcher m = SUMMARY.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        double goodput = Double.parseDouble(m.group(1));
        Path client = out.resolve("pc1-eth0.pcapng");
        assertThat(Tshark.malformed(client)).isZero();
        assertThat(Tshark.count(client, "tcp.analysis.spurious_retransmission")).as(congestion).isZero();
        assertThat(Tshark.count(client, "tcp.analysis.retransmission || tcp.analysis.fast_retransmission")).isPositive();
        // the 1.5 x (11.43) is above what Linux reaches on this path (9.31)
        assertThat(goodput).as(congestion + " goodput, Mbit/s")
                .isGreaterThanOrEqualTo(Math.max(0.95 * LINUX_MEDIAN, 1.25 * GOODPUT_BEFORE_SACK_RECOVERY));
    }
}
