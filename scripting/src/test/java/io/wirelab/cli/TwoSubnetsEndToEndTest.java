package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wirelab run two-subnets twice: DHCP through the relay, TTL decremented across r1, clean captures. */
class TwoSubnetsEndToEndTest {
    @TempDir static Path dir;
    static CliRun first, second;
    static Path out1, out2;

    @BeforeAll static void runTwice() {
        CliRun[] runs = CliRun.twice("two-subnets", dir);
        first = runs[0];
        second = runs[1];
        out1 = dir.resolve("run1");
        out2 = dir.resolve("run2");
    }

    @Test void scriptPasses_printsTracerouteLikeTraceroute8() {
        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("pc1: DHCP eth0 10.2.0.100/24 from 10.1.0.10, gateway 10.2.0.1")
                .contains("traceroute to web1 (10.1.0.80), 30 hops max, 60 byte packets\n"
                        + " 1  r1 (10.2.0.1)  4.036 ms  4.036 ms  4.036 ms\n"
                        + " 2  web1 (10.1.0.80)  8.072 ms  8.072 ms  8.072 ms\n");
    }

    @Test void twoRunsWithTheSameSeed_writeByteIdenticalCaptures() throws Exception {
        assertThat(second.exitCode()).isZero();
        List<Path> a = CliRun.files(out1, ".pcapng"), b = CliRun.files(out2, ".pcapng");
        assertThat(a).extracting(p -> p.getFileName().toString())
                .containsExactly("pc1-eth0.pcapng", "pc2-eth0.pcapng", "r1-eth0.pcapng", "web1-eth0.pcapng");
        for (int i = 0; i < a.size(); i++)
            assertThat(Files.readAllBytes(a.get(i))).as(a.get(i).getFileName().toString()).isEqualTo(Files.readAllBytes(b.get(i)));
    }

    @Test void routerWire_showsRelayedDhcpWithGiaddr_andTtlDecrementedByOne() {
        Path server = out1.resolve("r1-eth0.pcapng"), pc = out1.resolve("pc1-eth0.pcapng");
        // RFC 1542 §4.1.1: requests reach dhcp1 from r1 with giaddr = r1's address on the client's subnet, hops 1
        List<List<String>> relayed = Tshark.fields(server, "dhcp.type == 1", "ip.src", "dhcp.ip.relay", "dhcp.hops");
        assertThat(relayed).contains(List.of("10.1.0.1", "10.2.0.1", "1"), List.of("10.1.0.1", "10.3.0.1", "1"));
        assertThat(Tshark.count(server, "dhcp.type == 2 && ip.dst == 10.2.0.1 && udp.dstport == 67")).isEqualTo(2);
        // RFC 1812 §5.3.1: pc1's echo requests leave it with TTL 64 and cross r1 with 63
        assertThat(Tshark.fields(pc, "icmp.type == 8 && ip.dst == 10.1.0.80", "ip.ttl")).containsOnly(List.of("64"));
        assertThat(Tshark.fields(server, "icmp.type == 8 && ip.src == 10.2.0.100", "ip.ttl")).isNotEmpty().containsOnly(List.of("63"));
        // traceroute: three TTL-1 probes get time exceeded from r1, quoting the probe
        assertThat(Tshark.count(pc, "icmp.type == 11 && ip.src == 10.2.0.1 && udp.dstport >= 33434")).isEqualTo(3);
        assertThat(Tshark.count(pc, "icmp.type == 3 && icmp.code == 3 && ip.src == 10.1.0.80")).isEqualTo(3);
    }

    @Test void everyCapture_hasNoMalformedPacketsNorBadChecksums() throws Exception {
        for (Path f : CliRun.files(out1, ".pcapng")) {
            assertThat(Tshark.frames(f)).as(f + " frames").isPositive();
            assertThat(Tshark.malformed(f)).as(f + " malformed").isZero();
            assertThat(Tshark.badChecksums(f)).as(f + " bad checksums").isZero();
            assertThat(Tshark.expertWarnings(f)).as(f + " expert warnings").isZero();
        }
    }
}
