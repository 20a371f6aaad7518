package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.Device;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.LinkParams;
import io.wirelab.testing.Tshark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance path: wirelab run ping-basics --out DIR, then the captures checked by tshark. */
class PingBasicsEndToEndTest {
    /** Ethernet 14 + IPv4 20 + ICMP 8 + 56 bytes of ping data. */
    static final int ECHO_FRAME_BYTES = 98;
    static final Pattern SUMMARY = Pattern.compile("rtt min/avg/max/mdev = ([0-9.]+)/([0-9.]+)/([0-9.]+)/([0-9.]+) ms");

    @TempDir static Path dir;
    static CliRun first, second;
    static Path out1, out2;

    @BeforeAll static void runTwice() {
        CliRun[] runs = CliRun.twice("ping-basics", dir);
        first = runs[0];
        second = runs[1];
        out1 = dir.resolve("run1");
        out2 = dir.resolve("run2");
    }

    /**
     * One way pc1 -> sw1 -> pc2 is each link's propagation + serialization of the echo frame plus the
     * switch's forwarding latency; the round trip is twice that.
     */
    static long expectedRttNanos() throws Exception {
        LabSpec spec = BuiltinLabs.builtin("ping-basics");
        long oneWay = 0;
        for (LinkSpec l : spec.links()) {
            LinkParams p = l.params();
            oneWay += p.delayNanos() + p.serializationNanos(ECHO_FRAME_BYTES);
        }
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.withoutCaptures())) {
            for (Device d : lab.devices().values())
                if (d instanceof LearningSwitch sw) oneWay += sw.processingLatencyNanos();
        }
        return 2 * oneWay;
    }

    static List<Path> captures(Path outDir) throws Exception { return CliRun.files(outDir, ".pcapng"); }

    @Test void exits0_andPrintsFourOfFourWithTheExpectedRtt() throws Exception {
        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("4 packets transmitted, 4 received");
        Matcher m = SUMMARY.matcher(first.out());
        assertThat(m.find()).as(first.out()).isTrue();
        // ping(8) prints milliseconds with three decimals; the first echo also waits for ARP, so min is the clean one
        BigDecimal expectedMs = BigDecimal.valueOf(expectedRttNanos()).movePointLeft(6).setScale(3, java.math.RoundingMode.HALF_UP);
        assertThat(new BigDecimal(m.group(1))).isEqualByComparingTo(expectedMs);
        assertThat(first.out()).contains("captures:");
    }

    @Test void twoRunsWithTheSameSeed_writeByteIdenticalCaptures() throws Exception {
        List<Path> a = captures(out1), b = captures(out2);
        assertThat(a).hasSize(2);
        assertThat(a.stream().map(p -> p.getFileName().toString())).containsExactlyElementsOf(b.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < a.size(); i++)
            assertThat(Files.readAllBytes(a.get(i))).as(a.get(i).getFileName().toString()).isEqualTo(Files.readAllBytes(b.get(i)));
    }

    @Test void eachCapture_hasArpAndFourEchoPairs_noMalformedNoBadChecksums() throws Exception {
        long expected = expectedRttNanos();
        for (Path f : captures(out1)) {
            assertThat(Tshark.count(f, "arp.opcode == 1")).as(f + " ARP requests").isGreaterThanOrEqualTo(1);
            assertThat(Tshark.count(f, "arp.opcode == 2")).as(f + " ARP replies").isGreaterThanOrEqualTo(1);
            assertThat(Tshark.count(f, "icmp.type == 8")).as(f + " echo requests").isEqualTo(4);
            assertThat(Tshark.count(f, "icmp.type == 0 && icmp.resp_to")).as(f + " paired echo replies").isEqualTo(4);
            assertThat(Tshark.malformed(f)).as(f + " malformed").isZero();
            assertThat(Tshark.badChecksums(f)).as(f + " bad checksums").isZero();
            assertThat(Tshark.expertWarnings(f)).as(f + " expert warnings").isZero();
        }
        // on pc1's wire, request -> reply is the round trip: 2 x (delay + serialization) per link
        Path pc1 = captures(out1).stream().filter(p -> p.getFileName().toString().startsWith("pc1-")).findFirst().orElseThrow();
        List<List<String>> rows = Tshark.fields(pc1, "icmp.type == 0", "icmp.seq", "icmp.resptime");
        assertThat(rows).hasSize(4);
        for (List<String> row : rows) {
            BigDecimal ms = new BigDecimal(row.get(1));
            assertThat(ms.movePointRight(6).longValue()).as("seq " + row.get(0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1_000L));
        }
    }
}
