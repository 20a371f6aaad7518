package io.wirelab.wire.arp;

import io.wirelab.wire.CaptureVectors;
import io.wirelab.wire.Hex;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ArpPacketTest {
    static final MacAddress A = MacAddress.parse("02:00:5e:12:01:01"), B = MacAddress.parse("02:00:5e:12:01:02");
    static final Ipv4Address IP_A = Ipv4Address.parse("198.18.1.1"), IP_B = Ipv4Address.parse("198.18.1.2");

    @Test void decodesCapturedRequest_rfc826() {
        ArpView v = new ArpView().wrap(CaptureVectors.ARP_REQUEST, 14, 28);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(ArpPacket.from(v)).isEqualTo(ArpPacket.request(A, IP_A, IP_B));
    }

    @Test void decodesCapturedReply() {
        ArpView v = new ArpView().wrap(CaptureVectors.ARP_REPLY, 14, 28);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        ArpPacket p = ArpPacket.from(v);
        assertThat(p.operation()).isEqualTo(ArpOperation.REPLY);
        assertThat(p).isEqualTo(ArpPacket.reply(B, IP_B, A, IP_A));
    }

    @Test void emitReproducesCapturedBytes() {
        byte[] out = new byte[28];
        ArpPacket.request(A, IP_A, IP_B).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOfRange(CaptureVectors.ARP_REQUEST, 14, 42));
        ArpPacket.reply(B, IP_B, A, IP_A).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOfRange(CaptureVectors.ARP_REPLY, 14, 42));
    }

    @Test void trailingPaddingIgnored() {
        byte[] padded = Arrays.copyOfRange(CaptureVectors.ARP_REQUEST, 14, 14 + 46);
        assertThat(new ArpView().wrap(padded, 0, padded.length).validate()).isEqualTo(Malformed.NONE);
    }

    @Test void hostileInputs_rejectedWithReason() {
        byte[] p = Arrays.copyOfRange(CaptureVectors.ARP_REQUEST, 14, 42);
        assertThat(new ArpView().wrap(p, 0, 27).validate()).isEqualTo(Malformed.TRUNCATED);
        assertThat(new ArpView().wrap(p, 0, 7).validate()).isEqualTo(Malformed.TRUNCATED);
        byte[] tokenRing = p.clone(); tokenRing[1] = 6;
        assertThat(new ArpView().wrap(tokenRing, 0, 28).validate()).isEqualTo(Malformed.UNSUPPORTED_HARDWARE_TYPE);
        byte[] ipv6 = p.clone(); ipv6[2] = (byte) 0x86; ipv6[3] = (byte) 0xdd;
        assertThat(new ArpView().wrap(ipv6, 0, 28).validate()).isEqualTo(Malformed.UNSUPPORTED_PROTOCOL_TYPE);
        byte[] hlen = Hex.bytes("00 01 08 00 08 04 00 01");
        assertThat(new ArpView().wrap(hlen, 0, 8).validate()).isEqualTo(Malformed.BAD_ADDRESS_LENGTH);
    }

    @Test void unknownOperationRoundTrips() {
        assertThat(ArpOperation.of(8).value()).isEqualTo(8);   // InARP request, RFC 2390
        assertThat(ArpOperation.of(1)).isSameAs(ArpOperation.REQUEST);
    }
}
