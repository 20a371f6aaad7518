package io.wirelab.wire.ipv4;

import io.wirelab.wire.Malformed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpProtocolTest {
    @Test void knownNumbers_areTheNamedConstants() {
        assertThat(IpProtocol.of(1)).isSameAs(IpProtocol.ICMP);
        assertThat(IpProtocol.of(6)).isSameAs(IpProtocol.TCP);
        assertThat(IpProtocol.of(17)).isSameAs(IpProtocol.UDP);
        assertThat(IpProtocol.UDP).hasToString("UDP");
    }

    @Test void unknownNumber_keepsItsValue_andPrintsLikeTcpdump() {
        IpProtocol ospf = IpProtocol.of(89);
        assertThat(ospf.value()).isEqualTo(89);
        assertThat(ospf).isEqualTo(new IpProtocol(89)).hasToString("ip-proto-89");
        assertThat(ospf.hasPorts()).isFalse();
        assertThat(IpProtocol.TCP.hasPorts()).isTrue();
    }

    @Test void valueOutsideEightBits_isRejected() {
        assertThatThrownBy(() -> IpProtocol.of(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpProtocol.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void unknownProtocol_roundTripsThroughViewAndHeader_rfc791_3_1() {
        Ipv4Header h = new Ipv4Header(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2"), IpProtocol.of(89), 64, 7, false, 0);
        byte[] out = new byte[h.length()];
        h.emit(out, 0);
        assertThat(out[9]).isEqualTo((byte) 89);
        Ipv4View v = new Ipv4View().wrap(out, 0, out.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.protocol()).isEqualTo(IpProtocol.of(89));
        assertThat(Ipv4Header.from(v)).isEqualTo(h);
    }
}
