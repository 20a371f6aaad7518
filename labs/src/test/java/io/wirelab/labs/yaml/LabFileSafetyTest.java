package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.wirelab.labs.yaml.LabYamlReaderTest.problems;
import static io.wirelab.labs.yaml.LabYamlReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 12 findings 4, 5, 6 and 8: what `run` would trip over is refused by the reader (and so by
 * `validate`) at file:line:col; YAML features the reader cannot honour are refused, not misread;
 * values are read exactly as docs/lab.schema.json reads them; and limits are named when hit.
 */
class LabFileSafetyTest {
    private static String pc(String ip) {
        return "nodes:\n  pc1: { kind: pc, ip: " + ip + " }\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"255.255.255.255/32", "0.0.0.0/32", "0.1.2.3/8", "224.0.0.1/24", "239.1.1.1/32", "127.0.0.1/8", "240.0.0.1/4", "250.1.1.1/24"})
    void unusableHostAddresses_areRefused(String ip) {
        assertThat(problems(pc(ip))).singleElement().asString().startsWith("t.yaml:2:24: ").contains("not a host address");
    }

    @Test void networkAndBroadcastOfA32_areHosts_butReservedRangesAreNot() throws Exception {
        assertThat(read(pc("10.0.0.7/32")).node("pc1").iface("eth0").address()).hasToString("10.0.0.7/32");
        assertThat(read(pc("10.0.0.0/31")).node("pc1").iface("eth0").address()).hasToString("10.0.0.0/31");   // RFC 3021
        assertThat(problems(pc("10.0.0.255/24"))).singleElement().asString().contains("broadcast address of its subnet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.000.000.001/24", "10.0.0.01/24", "\u0661\u0660.\u0660.\u0660.\u0661/24", "10.0.0.1/024", "10.0.0.1/\u0662\u0664"})
    void leadingZerosAndNonAsciiDigits_areRefused(String ip) {
        assertThat(problems(pc(ip))).singleElement().asString().startsWith("t.yaml:2:24: ").containsAnyOf("plain address/prefix", "prefix length must be a number");
    }

    @Test void otherAddresses_areStrictAndUnicast() {
        assertThat(problems(pc("10.0.0.1/24, gateway: 010.0.0.254"))).singleElement().asString().contains("not a plain dotted quad");
        assertThat(problems(pc("10.0.0.1/24, gateway: 255.255.255.255"))).singleElement().asString().contains("gateway 255.255.255.255 is the limited broadcast address");
        assertThat(problems(pc("10.0.0.1/24, dns: [10.0.0.53, 224.0.0.251]"))).singleElement().asString().contains("DNS server 224.0.0.251 is a multicast address");
        assertThat(problems(pc("10.0.0.1/24, dns: []"))).singleElement().asString().contains("empty list");
    }

    @Test void switchAging_mustLetTheTableLearn_andStayWithinIeee8021Q() {
        assertThat(problems("nodes:\n  sw1: { kind: switch, aging: 0s }\n")).containsExactly(
                "t.yaml:2:31: aging 0ns is out of range (hint: allowed: 1s..1000000s)");
        assertThat(problems("nodes:\n  sw1: { kind: switch, aging: 1000001s }\n")).singleElement().asString().contains("out of range");
    }

    private static String dhcp(String settings) {
        return "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { dhcp: { pool: 10.0.0.100-10.0.0.199" + settings + " } } }\n";
    }

    @Test void dhcpLease_fitsTheOption_rfc2132_9_2() throws Exception {
        assertThat(problems(dhcp(", lease: 100000000000h"))).singleElement().asString().contains("too large");
        assertThat(problems(dhcp(", lease: 1193047h"))).singleElement().asString().contains("lease 1193047h is out of range (hint: allowed: 1s..4294967294s)");
        assertThat(problems(dhcp(", lease: 1.5s"))).singleElement().asString().contains("whole seconds");
        assertThat(read(dhcp(", lease: 4294967294s")).node("srv").services().dhcp().leaseNanos()).isEqualTo(4_294_967_294_000_000_000L);
    }

    @Test void dhcpPool_leasesHostAddressesOnly() {
        assertThat(problems(dhcp("").replace("10.0.0.100-10.0.0.199", "10.0.0.0-10.0.0.10"))).singleElement().asString().contains("includes the network address");
        assertThat(problems(dhcp("").replace("10.0.0.100-10.0.0.199", "10.0.0.100-10.0.0.255"))).singleElement().asString().contains("includes the broadcast address");
        assertThat(problems(dhcp(", router: 127.0.0.1"))).singleElement().asString().contains("router 127.0.0.1 is a loopback address");
    }

    @Test void zeroBandwidth_isRefused_unlimitedIsTheWord() throws Exception {
        String lab = "nodes:\n  a: { kind: pc }\n  b: { kind: pc }\nlinks:\n  - [a, b, { bandwidth: %s }]\n";
        assertThat(problems(lab.formatted("0Mbps"))).containsExactly("t.yaml:5:25: bandwidth 0bps is out of range (hint: allowed: 1bps..1000Gbps)");
        assertThat(problems(lab.formatted("0"))).singleElement().asString().contains("bandwidth 0bps is out of range");
        assertThat(read(lab.formatted("unlimited")).links().getFirst().params().bandwidthBitsPerSecond()).isZero();
        assertThat(problems(lab.formatted("2000Gbps"))).singleElement().asString().contains("out of range");
    }

    @Test void linkDelays_areBounded_soVirtualTimeCannotOverflow() {
        String lab = "nodes:\n  a: { kind: pc }\n  b: { kind: pc }\nlinks:\n  - [a, b, { %s }]\n";
        for (String d : List.of("delay: 2562047h", "jitter: 2h", "reorder-delay: 100000h"))
            assertThat(problems(lab.formatted(d))).as(d).singleElement().asString().contains("out of range");
    }

    @Test void tcpTimers_areBounded() {
        for (String t : List.of("max-rto: 2562047h", "initial-rto: 2h", "msl: 2h", "keepalive-idle: 32768s", "keepalive-interval: 10h"))
            assertThat(problems(pc("10.0.0.1/24, tcp: { " + t + " }"))).as(t).singleElement().asString().contains("out of range");
    }

    @Test void receiveBufferOf1GiB_isAProblemAtItsValue() {
        assertThat(problems(pc("10.0.0.1/24, tcp: { receive-buffer: 1GiB }")))
                .containsExactly("t.yaml:2:60: receive-buffer 1073741824B is out of range (hint: allowed: 1B..1073725440B)");
    }

    private static String web(String pages) {
        return "nodes:\n  srv: { kind: server, ip: 10.0.0.1/24, services: { web: { pages: { " + pages + " } } } }\n";
    }

    @Test void pageSizes_areBounded_eachAndTogether() throws Exception {
        assertThat(problems(web("/big: { size: 2GB }"))).containsExactly(
                "t.yaml:2:83: page size 2000000000B is out of range (hint: allowed: 0B..67108864B)");
        assertThat(read(web("/big: { size: 64MiB }")).node("srv").services().web().pages().getFirst().sizeBytes()).isEqualTo(64L << 20);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5; i++) many.append(i == 0 ? "" : ", ").append("/p").append(i).append(": { size: 64MiB }");
        assertThat(problems(web(many.toString()))).singleElement().asString()
                .contains("the limit is " + LabLimits.MAX_WEB_CONTENT_BYTES + " bytes (256 MiB) for all pages");
    }

    @Test void https_withoutAnAddressOrName_isAProblemOfTheFile() {
        assertThat(problems("nodes:\n  srv: { kind: server, ip: dhcp, services: { web: { https: true } } }\n"))
                .singleElement().asString().contains("an HTTPS server needs a static address or names");
    }

    // finding 5: anchors, aliases and a second document

    @Test void alias_isRefusedWhereItStands_notReadAsItsName() {
        assertThat(problems("""
                nodes:
                  srv: { kind: server, ip: 10.0.0.1/24, services: { web: { pages: { /: &p hello, /copy: *p } } } }
                """)).containsExactly("t.yaml:2:89: YAML alias '*p': aliases and anchors are not supported in lab files"
                + " (hint: write the value out here instead of referring to an anchor)");
        assertThat(problems("nodes:\n  pc1: *undefined\n")).singleElement().asString().startsWith("t.yaml:2:8: YAML alias '*undefined'");
        assertThat(problems("base: &b { kind: pc }\nnodes:\n  pc1: { <<: *b }\n")).singleElement().asString().contains("YAML alias '*b'");
    }

    @Test void secondDocument_isRefused() {
        assertThat(problems("nodes:\n  pc1: { kind: pc }\n---\nnodes:\n  pc2: { kind: pc }\n"))
                .containsExactly("t.yaml:4:1: a second YAML document starts here; a lab file holds one"
                        + " (hint: remove the '---' line and what follows, or put that lab in a file of its own)");
    }

    // finding 6: types as the schema reads them

    @Test void explicitTags_areRefused() {
        assertThat(problems("nodes:\n  sw1: { kind: switch, ports: !!str 5 }\n")).containsExactly(
                "t.yaml:2:31: explicit YAML tag '!!str' is not supported in lab files (hint: remove the tag; quote a value to make it text, e.g. \"5\")");
        assertThat(problems("name: !!binary aGVsbG8=\nnodes: {}\n")).singleElement().asString().contains("'!!binary'");
    }

    @Test void nonTextWhereTextIsRequired_isRefused() {
        assertThat(problems("name: true\nnodes:\n  pc1: { kind: pc }\n")).containsExactly(
                "t.yaml:1:7: expected a lab name, got true (a boolean) (hint: YAML reads it as a boolean; quote it to mean text: \"true\")");
        assertThat(problems("nodes:\n  pc1: { kind: 5 }\n")).singleElement().asString().contains("got 5 (a number)");
        assertThat(problems("nodes:\n  up: { kind: bridge, interface: 0 }\n")).singleElement().asString().contains("got 0 (a number)");
    }

    @Test void numbersAndFlags_areTheirYamlTypes() throws Exception {
        assertThat(problems("nodes:\n  sw1: { kind: switch, ports: \"5\" }\n")).containsExactly(
                "t.yaml:2:31: ports must be a whole number, not '5' (hint: write it without quotes)");
        assertThat(problems("nodes:\n  sw1: { kind: switch, ports: 010 }\n")).singleElement().asString().contains("leading zero");
        assertThat(problems("nodes:\n  sw1: { kind: switch, ports: 0x10 }\n")).singleElement().asString().contains("must be a whole number");
        assertThat(problems(pc("10.0.0.1/24, tcp: { nagle: \"false\" }"))).singleElement().asString().contains("nagle must be true or false");
        assertThat(problems(pc("10.0.0.1/24, tcp: { sack: \"yes\" }"))).singleElement().asString().contains("sack must be true or false");
        assertThat(read(pc("10.0.0.1/24, tcp: { nagle: False }")).node("pc1").tcp().noDelay()).isTrue();
        assertThat(read(pc("10.0.0.1/24, tcp: { sack: no, timestamps: yes }")).node("pc1").tcp().sack()).isFalse();   // YAML 1.1 booleans
    }

    @Test void seed_isASigned64BitNumber() throws Exception {
        assertThat(problems("seed: 9223372036854775808\nnodes:\n  pc1: { kind: pc }\n")).containsExactly(
                "t.yaml:1:7: seed 9223372036854775808 is not in -9223372036854775808..9223372036854775807");
        assertThat(read("seed: -9223372036854775808\nnodes:\n  pc1: { kind: pc }\n").seed()).isEqualTo(Long.MIN_VALUE);
    }

    @Test void sizesWithNonAsciiDigits_areRefused() {
        assertThat(problems(pc("10.0.0.1/24, tcp: { send-buffer: \u0661\u0660\u0660 }"))).singleElement().asString().contains("is not a size");
    }

    // finding 8: limits are named

    @Test void fileOverTheSizeLimit_isRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        byte[] line = ("# " + "x".repeat(1000) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 10 * 1024; i++) out.write(line);       // 10 MB
        }
        long started = System.nanoTime();
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> LabYamlReader.read(big));
        assertThat(e.problems()).singleElement().asString().isEqualTo(big + ":1:1: the lab file is " + Files.size(big)
                + " bytes; the limit is 1048576 bytes (1 MiB) (hint: a lab this large is not read; see docs/lab-format.md#limits)");
        assertThat(System.nanoTime() - started).as("refused before parsing").isLessThan(2_000_000_000L);
        String text = "nodes: {}\n" + "#".repeat(LabLimits.MAX_FILE_BYTES);
        assertThat(problems(text)).singleElement().asString().contains("the limit is 1048576 bytes");
    }

    @Test void tooManyNodes_namesTheLimit() {
        StringBuilder lab = new StringBuilder("nodes:\n");
        for (int i = 0; i < 1000; i++) lab.append("  p").append(i).append(": {kind: pc}\n");
        lab.append("  q1..q").append(LabLimits.MAX_NODES - 1000 + 1).append(": {kind: pc}\n");
        assertThat(problems(lab.toString())).containsExactly("t.yaml:2:3: the lab has 200001 nodes; the limit is 200000 (hint: see docs/lab-format.md#limits)");
        assertThat(problems("nodes:\n  q1..q999999999: {kind: pc}\n"))
                .containsExactly("t.yaml:2:3: the lab has 999999999 nodes; the limit is 200000 (hint: see docs/lab-format.md#limits)");
    }

    @Test void tooManyLinks_groupMembersCounted() {
        String lab = "nodes:\n  sw1: {kind: switch}\n  pc1..pc3: {kind: pc}\nlinks:\n  - [pc1..pc3, sw1]\n  - [h1..h400001, sw1]\n";
        assertThat(problems(lab)).containsExactly("t.yaml:5:3: the lab has 400004 links; the limit is 400000 (hint: see docs/lab-format.md#limits)");
    }

    @Test void deepNesting_namesTheLimit_notTheIndentation() {
        String deep = "nodes: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(problems(deep)).singleElement().asString().contains("nested deeper than 64 levels (the nesting limit)").doesNotContain("indentation");
    }
}
