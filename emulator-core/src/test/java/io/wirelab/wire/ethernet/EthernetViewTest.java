package io.wirelab.wire.ethernet;

import io.wirelab.wire.CaptureVectors;
import io.wirelab.wire.Hex;
import io.wirelab.wire.Malformed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class EthernetViewTest {
    @Test void decodesCapturedArpRequest_unpadded42Bytes() {
        EthernetView v = new EthernetView().wrap(CaptureVectors.ARP_REQUEST, 0, 42);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.destination()).isEqualTo(MacAddress.BROADCAST);
        assertThat(v.isBroadcast()).isTrue();
        assertThat(v.source()).isEqualTo(MacAddress.parse("02:00:5e:12:01:01"));
        assertThat(v.etherType()).isEqualTo(EtherType.ARP);
        assertThat(v.payloadOffset()).isEqualTo(14);
        assertThat(v.payloadLength()).isEqualTo(28);
    }

    @Test void emitReproducesCapturedHeader() {
        byte[] out = new byte[14];
        new EthernetHeader(MacAddress.parse("02:00:5e:12:01:02"), MacAddress.parse("02:00:5e:12:01:01"), EtherType.IPV4).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOf(CaptureVectors.ECHO_REQUEST, 14));
        assertThat(EthernetHeader.from(new EthernetView().wrap(CaptureVectors.ECHO_REQUEST, 0, 98)))
                .isEqualTo(new EthernetHeader(MacAddress.parse("02:00:5e:12:01:02"), MacAddress.parse("02:00:5e:12:01:01"), EtherType.IPV4));
    }

    @Test void unknownEtherTypeRoundTrips() {
        EtherType t = EtherType.of(0x88cc);   // LLDP
        assertThat(t.value()).isEqualTo(0x88cc);
        assertThat(t.toString()).isEqualTo("0x88cc");
        assertThat(EtherType.of(0x0800)).isSameAs(EtherType.IPV4);
    }

    @Test void thirteenBytes_isTruncated() {
        assertThat(new EthernetView().wrap(CaptureVectors.ARP_REQUEST, 0, 13).validate()).isEqualTo(Malformed.TRUNCATED);
    }

    @Test void lengthFieldBelow0x0600_isNotEthernetII() {   // IEEE 802.3 §3.2.6: 802.3 length, LLC follows
        byte[] f = Hex.bytes("ff ff ff ff ff ff 02 00 00 00 00 01 00 26 42 42 03");
        assertThat(new EthernetView().wrap(f, 0, f.length).validate()).isEqualTo(Malformed.NOT_ETHERNET_II);
    }

    @Test void windowPastArray_isTruncatedNotException() {
        assertThat(new EthernetView().wrap(new byte[20], 10, 14).validate()).isEqualTo(Malformed.TRUNCATED);
    }
}
