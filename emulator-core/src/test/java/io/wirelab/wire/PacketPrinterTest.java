package io.wirelab.wire;

import io.wirelab.buffer.Frame;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PacketPrinterTest {
    @Test void arpRequestAndReply() {
        assertThat(PacketPrinter.print(new Frame(CaptureVectors.ARP_REQUEST)))
                .isEqualTo("02:00:5e:12:01:01 > ff:ff:ff:ff:ff:ff ARP who-has 198.18.1.2 tell 198.18.1.1");
        assertThat(PacketPrinter.print(new Frame(CaptureVectors.ARP_REPLY)))
                .isEqualTo("02:00:5e:12:01:02 > 02:00:5e:12:01:01 ARP reply 198.18.1.2 is-at 02:00:5e:12:01:02");
    }

    @Test void echoRequest_withTimestampAndPort() {
        assertThat(PacketPrinter.line(1_500_000_000L, "pc1:eth0", new Frame(CaptureVectors.ECHO_REQUEST)))
                .isEqualTo("1.500000000 pc1:eth0 02:00:5e:12:01:01 > 02:00:5e:12:01:02 IPv4 198.18.1.1 > 198.18.1.2 ICMP echo request, id 25894, seq 1, length 64");
    }

    @Test void udpPorts() {
        assertThat(PacketPrinter.print(new Frame(CaptureVectors.UDP_DNS_QUERY)))
                .endsWith("IPv4 198.18.3.2.49900 > 198.18.3.1.53 DNS A? www.wirelab.test id 0x61d5");
    }

    @Test void malformedAndBadChecksumAreShownNotThrown() {
        byte[] cut = Arrays.copyOf(CaptureVectors.ECHO_REQUEST, 30);
        assertThat(PacketPrinter.print(cut, 0, cut.length)).endsWith("IPv4 [malformed ipv4: TRUNCATED]");
        byte[] bad = CaptureVectors.ECHO_REQUEST.clone();
        bad[60] ^= 1;
        assertThat(PacketPrinter.print(bad, 0, bad.length)).endsWith("[bad icmp checksum]");
        assertThat(PacketPrinter.print(new byte[3], 0, 3)).isEqualTo("[malformed ethernet: TRUNCATED]");
    }
}
