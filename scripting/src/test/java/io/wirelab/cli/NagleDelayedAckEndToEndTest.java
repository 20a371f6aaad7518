package io.wirelab.cli;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in nagle-delayed-ack lab: the stall is in the script's numbers and on the wire. */
class NagleDelayedAckEndToEndTest {
    @TempDir Path dir;

    @Test void nagleStallsTwoRoundsByTheDelayedAck_noDelayNever() {
        CliRun run = CliRun.of("run", "nagle-delayed-ack", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("nagle    -> profile linux    rounds: 8.08 ms, 48.09 ms, 48.08 ms",
                "nagle    -> profile textbook rounds: 208.07 ms, 208.07 ms, 208.07 ms",
                "with profile linux (Linux's 40 ms delayed ACK, TCP_ATO_MIN)", "with profile textbook (the book's fixed 200 ms timer)");
        Path nagle = dir.resolve("nagle-eth0.pcapng"), nodelay = dir.resolve("nodelay-eth0.pcapng");
        for (Path p : List.of(nagle, nodelay, dir.resolve("linux-eth0.pcapng"), dir.resolve("textbook-eth0.pcapng"))) {
            assertThat(Tshark.malformed(p)).isZero();
            assertThat(Tshark.badChecksums(p)).isZero();
        }
        // On the client's wire: after the first part, nothing for 40 ms (Linux's ato) or 200 ms (textbook) until
        // the server's delayed ACK: 2 rounds against Linux (the first is quick-ACKed), 3 against the textbook.
        String delayedAck = "tcp.srcport == 80 && tcp.len == 0 && frame.time_delta >= 0.039";
        List<List<String>> gaps = Tshark.fields(nagle, delayedAck, "ip.src", "frame.time_delta");
        assertThat(gaps).filteredOn(f -> f.get(0).equals("10.0.0.10")).hasSize(2)
                .allSatisfy(f -> assertThat(Double.parseDouble(f.get(1))).isBetween(0.040, 0.045));
        assertThat(gaps).filteredOn(f -> f.get(0).equals("10.0.0.11")).hasSize(3)
                .allSatisfy(f -> assertThat(Double.parseDouble(f.get(1))).isBetween(0.200, 0.205));
        assertThat(Tshark.count(nodelay, delayedAck)).isZero();
    }
}
