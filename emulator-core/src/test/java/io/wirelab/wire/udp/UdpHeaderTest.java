package io.wirelab.wire.udp;

import io.wirelab.wire.CaptureVectors;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class UdpHeaderTest {
    static final Ipv4Address SRC = Ipv4Address.parse("198.18.3.2"), DST = Ipv4Address.parse("198.18.3.1");
    static final byte[] UDP = Arrays.copyOfRange(CaptureVectors.UDP_DNS_QUERY, 34, 34 + 65);

    @Test void decodesCapturedDnsQuery_rfc768() {
        UdpView v = new UdpView().wrap(UDP, 0, UDP.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(UdpHeader.from(v)).isEqualTo(new UdpHeader(49900, 53, 57));
        assertThat(v.checksum()).isEqualTo(0x13c4);
        assertThat(v.checksumValid(SRC.bits(), DST.bits())).isTrue();
    }

    @Test void checksumIncludesPseudoHeader() {
        UdpView v = new UdpView().wrap(UDP, 0, UDP.length);
        assertThat(v.checksumValid(SRC.bits(), Ipv4Address.parse("198.18.3.9").bits())).isFalse();
    }

    @Test void emitReproducesCapturedChecksum() {
        byte[] out = UDP.clone();
        Arrays.fill(out, 0, 8, (byte) 0);
        new UdpHeader(49900, 53, 57).emit(out, 0, SRC, DST);
        assertThat(out).isEqualTo(UDP);
    }

    @Test void computedZeroChecksum_sentAsAllOnes_rfc768() {
        // Find a payload whose checksum computes to 0: then the field must read 0xffff and still verify.
        byte[] out = new byte[10];
        Ipv4Address a = Ipv4Address.parse("10.0.0.1"), b = Ipv4Address.parse("10.0.0.2");
        for (int x = 0; x <= 0xffff; x++) {
            out[8] = (byte) (x >>> 8); out[9] = (byte) x;
            new UdpHeader(1000, 2000, 2).emit(out, 0, a, b);
            if ((out[6] & 0xff) == 0xff && (out[7] & 0xff) == 0xff) {
                assertThat(new UdpView().wrap(out, 0, 10).checksumValid(a.bits(), b.bits())).isTrue();
                return;
            }
        }
        throw new AssertionError("no payload gave a zero checksum");
    }

    @Test void zeroChecksum_meansNotComputed() {
        byte[] d = UDP.clone();
        d[6] = 0; d[7] = 0;
        assertThat(new UdpView().wrap(d, 0, d.length).checksumValid(SRC.bits(), DST.bits())).isTrue();
    }

    @Test void hostile_truncatedAndBadLength() {
        assertThat(new UdpView().wrap(UDP, 0, 7).validate()).isEqualTo(Malformed.TRUNCATED);
        byte[] d = UDP.clone();
        d[5] = 7;   // length below the header
        assertThat(new UdpView().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_LENGTH);
        d[5] = 66;  // one past the IP payload
        assertThat(new UdpView().wrap(d, 0, d.length).validate()).isEqualTo(Malformed.BAD_LENGTH);
    }
}
