package io.wirelab.wire.ipv4;

import io.wirelab.wire.CaptureVectors;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Hex;
import io.wirelab.wire.Malformed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Ipv4HeaderTest {
    static final byte[] UDP_10_0_0_1_TO_2 = Hex.bytes("""
        45 00 00 1c   # version 4, IHL 5, total length 28
        00 01 40 00   # identification 1, DF, fragment offset 0
        40 11 26 ce   # TTL 64, protocol 17 (UDP), header checksum 0x26ce
        0a 00 00 01   # source 10.0.0.1
        0a 00 00 02   # destination 10.0.0.2
        00 00 00 00 00 00 00 00
        """);

    @Test void decodesCapturedEchoRequestHeader_rfc791_3_1() {
        Ipv4View v = new Ipv4View().wrap(CaptureVectors.ECHO_REQUEST, 14, 84);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isTrue();
        assertThat(v.headerChecksum()).isEqualTo(0x0eaa);
        assertThat(v.identification()).isEqualTo(0x9dd7);
        assertThat(v.dontFragment()).isTrue();
        assertThat(v.isFragment()).isFalse();
        assertThat(v.ttl()).isEqualTo(64);
        assertThat(v.protocol()).isEqualTo(IpProtocol.ICMP);
        assertThat(v.source()).isEqualTo(Ipv4Address.parse("198.18.1.1"));
        assertThat(v.payloadOffset()).isEqualTo(34);
        assertThat(v.payloadLength()).isEqualTo(64);
    }

    @Test void emitReproducesCapturedHeaders() {
        byte[] out = new byte[20];
        new Ipv4Header(0, 0x9dd7, true, false, 0, 64, IpProtocol.ICMP, Ipv4Address.parse("198.18.1.1"), Ipv4Address.parse("198.18.1.2"), 64).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOfRange(CaptureVectors.ECHO_REQUEST, 14, 34));
        new Ipv4Header(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"), IpProtocol.UDP, 64, 1, true, 8).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOf(UDP_10_0_0_1_TO_2, 20));
    }

    @Test void fromInvertsEmit_forFragments() {
        Ipv4Header h = new Ipv4Header(0xb8, 4242, false, true, 185, 3, IpProtocol.UDP, Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.9"), 1480);
        byte[] out = new byte[h.totalLength()];
        h.emit(out, 0);
        Ipv4View v = new Ipv4View().wrap(out, 0, out.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isTrue();
        assertThat(Ipv4Header.from(v)).isEqualTo(h);
        assertThat(v.fragmentOffset() * 8).isEqualTo(1480);
    }

    @Test void optionsAreSkipped_payloadStartsAtIhl() {
        byte[] d = Hex.bytes("""
            46 00 00 20   # IHL 6: one option word, total length 32
            00 02 00 00   40 11 00 00   0a 00 00 01   0a 00 00 02
            94 04 00 00   # Router Alert option (RFC 2113), type 148 length 4
            13 88 00 09 00 08 00 00   # UDP 5000 -> 9, length 8
            """);
        int c = Checksum.fold(d, 0, 24);
        d[10] = (byte) (c >>> 8); d[11] = (byte) c;
        Ipv4View v = new Ipv4View().wrap(d, 0, d.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isTrue();
        assertThat(v.payloadOffset()).isEqualTo(24);
        assertThat(v.payloadLength()).isEqualTo(8);
        assertThat(Ipv4Header.from(v).payloadLength()).isEqualTo(8);
    }

    @Test void ethernetPaddingAfterTotalLength_ignored() {
        byte[] padded = Arrays.copyOf(UDP_10_0_0_1_TO_2, 46);
        Ipv4View v = new Ipv4View().wrap(padded, 0, 46);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.payloadLength()).isEqualTo(8);
    }

    @Test void hostile_truncated() {
        assertThat(new Ipv4View().wrap(UDP_10_0_0_1_TO_2, 0, 19).validate()).isEqualTo(Malformed.TRUNCATED);
    }

    @Test void hostile_version6() {
        byte[] d = UDP_10_0_0_1_TO_2.clone(); d[0] = 0x65;
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_VERSION);
    }

    @Test void hostile_ihlBelowFive_orPastData() {
        byte[] d = UDP_10_0_0_1_TO_2.clone(); d[0] = 0x44;
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_HEADER_LENGTH);
        d[0] = 0x4f;   // 60-byte header in a 28-byte datagram
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_HEADER_LENGTH);
    }

    @Test void hostile_totalLength() {
        byte[] d = UDP_10_0_0_1_TO_2.clone(); d[3] = 19;   // below the header
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_TOTAL_LENGTH);
        d[3] = 29;   // one past the bytes we have
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_TOTAL_LENGTH);
    }

    @Test void hostile_fragmentOffsetPast64k() {
        byte[] d = UDP_10_0_0_1_TO_2.clone(); d[6] = 0x1f; d[7] = (byte) 0xff;   // offset 65528 + 8 data bytes
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_FRAGMENT_OFFSET);
    }

    @Test void hostile_optionLengthRunsPastHeader() {
        byte[] d = Hex.bytes("46 00 00 18 00 02 00 00 40 11 00 00 0a 00 00 01 0a 00 00 02 07 09 00 00");
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_OPTION);
        d[21] = 1;   // length 1 is below the minimum of 2
        assertThat(new Ipv4View().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_OPTION);
    }

    @Test void corruptedByte_failsChecksum() {
        byte[] d = Arrays.copyOfRange(CaptureVectors.ECHO_REQUEST, 14, 98);
        d[8] = 63;
        Ipv4View v = new Ipv4View().wrap(d, 0, d.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isFalse();
    }
}
