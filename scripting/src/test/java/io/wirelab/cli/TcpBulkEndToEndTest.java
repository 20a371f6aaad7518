package io.wirelab.cli;

import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 3's acceptance: the built-in tcp-bulk lab, 10 MB over links with 1% loss, checked by tshark. */
class TcpBulkEndToEndTest {
    static final long SENT = 10_000_000;

    @TempDir static Path dir;
    static CliRun run;
    static Path client, server;

    @BeforeAll static void runLab() {
        run = CliRun.of("run", "tcp-bulk", "--out", dir.toString());
        client = dir.resolve("pc1-eth0.pcapng");
        server = dir.resolve("srv-eth0.pcapng");
    }

    @Test void scriptPasses_andReportsRetransmissionsAndGoodput() {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("10000000 bytes in").contains("goodput").contains("TIME-WAIT");
    }

    @Test void capturesAreClean_noMalformedNoBadChecksumNoAckedUnseen() {
        for (Path p : List.of(client, server)) {
            assertThat(Tshark.malformed(p)).as("malformed in " + p).isZero();
            assertThat(Tshark.badChecksums(p)).as("bad checksums in " + p).isZero();
            assertThat(Tshark.count(p, "tcp.analysis.ack_lost_segment")).as("ACKed unseen segment in " + p).isZero();
        }
        // Seen at the sender, a retransmission of data the receiver had already acknowledged is a bug.
        assertThat(Tshark.count(client, "tcp.analysis.spurious_retransmission")).isZero();
        assertThat(Tshark.count(client, "tcp.analysis.retransmission || tcp.analysis.fast_retransmission")).isPositive();
    }

    /** RFC 7323 §2.4: the server's scaled window is rounded up, so its right edge (ACK + window) never moves left. */
    @Test void advertisedRightEdgeNeverShrinks() {
        List<List<String>> acks = Tshark.fields(server, "tcp.srcport == 5001 && tcp.flags.syn == 0", "tcp.ack", "tcp.window_size");
        long last = -1;
        int shrinks = 0;
        for (List<String> a : acks) {
            long edge = Long.parseLong(a.get(0)) + Long.parseLong(a.get(1));
            if (edge < last) shrinks++;
            last = Math.max(last, edge);
        }
        assertThat(acks).hasSizeGreaterThan(1000);
        assertThat(shrinks).as("ACKs whose right edge is left of an earlier one").isZero();
    }

    /** Every byte sent arrives at the server: the sequence space it saw covers exactly 10 MB. */
    @Test void serverSawEveryPayloadByte() {
        List<List<String>> rows = Tshark.fields(server, "tcp.srcport == " + clientPort() + " && tcp.len > 0",
                "tcp.seq", "tcp.len");
        TreeMap<Long, Long> ranges = new TreeMap<>();
        for (List<String> r : rows) ranges.merge(Long.parseLong(r.get(0)), Long.parseLong(r.get(1)), Math::max);
        long covered = 0, end = 1;
        for (var e : ranges.entrySet()) {
            long s = e.getKey(), t = s + e.getValue();
            if (t > end) { covered += t - Math.max(s, end); end = t; }
        }
        assertThat(covered).isEqualTo(SENT);
        assertThat(end).isEqualTo(1 + SENT);
    }

    /** A data segment is sent again only if an earlier copy never reached the server (or its ACK was lost). */
    @Test void retransmissionsOnlyWhereASegmentWasLost() {
        List<List<String>> sent = Tshark.fields(client, "tcp.srcport == " + clientPort() + " && tcp.len > 0",
                "frame.time_relative", "tcp.seq", "tcp.len");
        List<List<String>> arrived = Tshark.fields(server, "tcp.srcport == " + clientPort() + " && tcp.len > 0",
                "frame.time_relative", "tcp.seq");
        TreeMap<Long, List<Double>> arrivals = new TreeMap<>();
        for (List<String> a : arrived) arrivals.computeIfAbsent(Long.parseLong(a.get(1)), k -> new ArrayList<>()).add(Double.parseDouble(a.get(0)));
        TreeMap<Long, Integer> timesSent = new TreeMap<>();
        int retransmissions = 0, alreadyThere = 0;
        for (List<String> s : sent) {
            long seq = Long.parseLong(s.get(1));
            double at = Double.parseDouble(s.get(0));
            if (timesSent.merge(seq, 1, Integer::sum) == 1) continue;
            retransmissions++;
            List<Double> when = arrivals.getOrDefault(seq, List.of());
            if (!when.isEmpty() && when.getFirst() < at) alreadyThere++;
        }
        assertThat(retransmissions).isPositive();
        // The only excuse for resending data the server already had is a lost ACK: a small minority.
        assertThat(alreadyThere).as("retransmissions of data that had arrived").isLessThanOrEqualTo(retransmissions / 5);
    }

    private static String clientPort() {
        return Tshark.fields(client, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport").getFirst().getFirst();
    }
}
