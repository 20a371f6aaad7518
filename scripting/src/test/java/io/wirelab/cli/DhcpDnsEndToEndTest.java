package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance lab: wirelab run dhcp-dns --out DIR twice, captures checked by tshark. */
class DhcpDnsEndToEndTest {
    static final int PCS = 50;
    static final long T1_SECONDS = 300;   // half the 10-minute lease

    @TempDir static Path dir;
    static CliRun first, second;
    static Path out1, out2;

    @BeforeAll static void runTwice() {
        CliRun[] runs = CliRun.twice("dhcp-dns", dir);
        first = runs[0];
        second = runs[1];
        out1 = dir.resolve("run1");
        out2 = dir.resolve("run2");
    }

    static List<Path> captures(Path outDir) throws Exception { return CliRun.files(outDir, ".pcapng"); }

    static Path capture(String name) { return out1.resolve(name); }

    @Test void scriptPasses_everyPcLeasedResolvedAndRenewed() {
        assertThat(first.err()).isEmpty();
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("50 bound of 50 leases");
        assertThat(first.out()).contains("Name:\twww.lab.test\nAddress: 10.0.0.80");
        assertThat(first.out()).contains("50 leases renewed and bound");
        assertThat(first.out()).contains("2 packets transmitted, 2 received");
    }

    @Test void twoRunsWithTheSameSeed_writeByteIdenticalCaptures() throws Exception {
        assertThat(second.exitCode()).isZero();
        List<Path> a = captures(out1), b = captures(out2);
        assertThat(a).extracting(p -> p.getFileName().toString())
                .containsExactly("dhcp1-eth0.pcapng", "dns1-eth0.pcapng", "pc1-eth0.pcapng");
        for (int i = 0; i < a.size(); i++)
            assertThat(Files.readAllBytes(a.get(i))).as(a.get(i).getFileName().toString()).isEqualTo(Files.readAllBytes(b.get(i)));
    }

    @Test void dhcpServerWire_showsDoraForEveryPc_thenUnicastRenewalsAtT1() {
        Path f = capture("dhcp1-eth0.pcapng");
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 1")).as("DISCOVER").isGreaterThanOrEqualTo(PCS);
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 2")).as("OFFER").isGreaterThanOrEqualTo(PCS);
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 3 && ip.dst == 255.255.255.255 && dhcp.ip.client == 0.0.0.0"))
                .as("SELECTING REQUEST").isGreaterThanOrEqualTo(PCS);
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 5 && frame.time_relative < 60")).as("first ACKs").isGreaterThanOrEqualTo(PCS);
        // RFC 2131 §4.4.5: at T1 the client unicasts REQUEST with ciaddr set to the server that granted the lease
        String renewal = "dhcp.option.dhcp == 3 && ip.dst == 10.0.0.1 && eth.dst == 02:00:00:00:01:00 && dhcp.ip.client != 0.0.0.0";
        List<List<String>> renewals = Tshark.fields(f, renewal, "ip.src", "dhcp.ip.client", "frame.time_relative");
        assertThat(renewals).hasSize(PCS);
        for (List<String> r : renewals) {
            assertThat(r.get(0)).isEqualTo(r.get(1));
            assertThat(Double.parseDouble(r.get(2))).isBetween((double) T1_SECONDS, T1_SECONDS + 60.0);
        }
        assertThat(renewals.stream().map(r -> r.get(0)).distinct()).hasSize(PCS);
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 3 && ip.dst == 255.255.255.255 && frame.time_relative > 60")).as("no rebinding").isZero();
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 5 && ip.dst == 10.0.0.0/24 && frame.time_relative > 300")).as("renewal ACKs").isEqualTo(PCS);
        assertThat(Tshark.count(f, "dhcp.option.dhcp == 6")).as("NAK").isZero();
    }

    @Test void dnsServerWire_showsQueriesAndAuthoritativeAnswers() {
        Path f = capture("dns1-eth0.pcapng");
        assertThat(Tshark.count(f, "dns.flags.response == 0 && dns.qry.name == \"www.lab.test\"")).isGreaterThanOrEqualTo(PCS);
        assertThat(Tshark.count(f, "dns.flags.response == 1 && dns.flags.authoritative == 1 && dns.a == 10.0.0.80")).isGreaterThanOrEqualTo(PCS);
        assertThat(Tshark.count(f, "dns.flags.rcode == 3 && dns.qry.name == \"nosuch.lab.test\"")).isEqualTo(1);
    }

    @Test void everyCapture_hasNoMalformedPacketsNorBadChecksums() throws Exception {
        for (Path f : captures(out1)) {
            assertThat(Tshark.frames(f)).as(f + " frames").isPositive();
            assertThat(Tshark.malformed(f)).as(f + " malformed").isZero();
            assertThat(Tshark.badChecksums(f)).as(f + " bad checksums").isZero();
            assertThat(Tshark.expertWarnings(f)).as(f + " expert warnings").isZero();
        }
    }
}
