package io.wirelab.wire.icmpv4;

import io.wirelab.wire.CaptureVectors;
import io.wirelab.wire.Malformed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class Icmpv4MessageTest {
    static final byte[] REQUEST = Arrays.copyOfRange(CaptureVectors.ECHO_REQUEST, 34, 98);
    static final byte[] REPLY = Arrays.copyOfRange(CaptureVectors.ECHO_REPLY, 34, 98);

    @Test void decodesCapturedEchoRequest_rfc792() {
        Icmpv4View v = new Icmpv4View().wrap(REQUEST, 0, REQUEST.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isTrue();
        assertThat(Icmpv4Message.from(v)).isInstanceOfSatisfying(Icmpv4Message.EchoRequest.class, e -> {
            assertThat(e.identifier()).isEqualTo(0x6526);
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.data()).hasSize(56).startsWith(0x66, 0x27, 0x02, 0x6b);
        });
    }

    @Test void replyEchoesRequestData_andEmitReproducesCapturedBytes() {
        Icmpv4Message.EchoRequest req = (Icmpv4Message.EchoRequest) Icmpv4Message.from(new Icmpv4View().wrap(REQUEST, 0, REQUEST.length));
        byte[] out = new byte[req.length()];
        new Icmpv4Message.EchoReply(req.identifier(), req.sequence(), req.data()).emit(out, 0);
        assertThat(out).isEqualTo(REPLY);
        req.emit(out, 0);
        assertThat(out).isEqualTo(REQUEST);
    }

    @Test void destinationUnreachable_fragNeededCarriesMtu_rfc1191() {
        var m = new Icmpv4Message.DestinationUnreachable(Icmpv4Message.CODE_FRAGMENTATION_NEEDED, 1400, new byte[28]);
        byte[] out = new byte[m.length()];
        m.emit(out, 0);
        Icmpv4View v = new Icmpv4View().wrap(out, 0, out.length);
        assertThat(v.checksumValid()).isTrue();
        assertThat(v.nextHopMtu()).isEqualTo(1400);
        assertThat(((Icmpv4Message.DestinationUnreachable) Icmpv4Message.from(v)).nextHopMtu()).isEqualTo(1400);
    }

    @Test void unknownTypeRoundTrips() {
        byte[] out = new byte[12];
        new Icmpv4Message.Other(13, 0, 0x12345678, new byte[]{1, 2, 3, 4}).emit(out, 0);   // timestamp request
        Icmpv4Message back = Icmpv4Message.from(new Icmpv4View().wrap(out, 0, 12));
        assertThat(back).isInstanceOfSatisfying(Icmpv4Message.Other.class, o -> {
            assertThat(o.type()).isEqualTo(13);
            assertThat(o.restOfHeader()).isEqualTo(0x12345678);
        });
    }

    @Test void hostile_truncatedAndBadChecksum() {
        assertThat(new Icmpv4View().wrap(REQUEST, 0, 7).validate()).isEqualTo(Malformed.TRUNCATED);
        byte[] bad = REQUEST.clone();
        bad[20] ^= 1;
        Icmpv4View v = new Icmpv4View().wrap(bad, 0, bad.length);
        assertThat(v.validate()).isEqualTo(Malformed.NONE);
        assertThat(v.checksumValid()).isFalse();
    }
}
