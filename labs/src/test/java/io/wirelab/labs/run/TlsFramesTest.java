package io.wirelab.labs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.wire.Hex;
import org.junit.jupiter.api.Test;

class TlsFramesTest {
    /** Ethernet + IPv4 (protocol 6, total length 65) + TCP (data offset 5) + 5-byte record header. */
    static final String FRAME = """
            02 00 00 00 01 00  02 00 00 00 02 00  08 00
            45 00 00 2d 00 01 40 00 40 06 00 00 0a 00 00 0a 0a 00 00 50
            c0 00 01 bb 00 00 00 01 00 00 00 00 50 18 ff ff 00 00 00 00
            16 03 01 00 c8
            """;

    @Test void clientHelloRecord_isTls() { assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME))).isTrue(); }

    @Test void otherRecordTypesVersionsAndProtocols_areNot() {
        assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME.replace("16 03 01", "17 03 03")))).as("application data").isFalse();
        assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME.replace("16 03 01", "16 02 00")))).as("SSL 2 version").isFalse();
        assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME.replace("40 06 00 00", "40 11 00 00")))).as("UDP").isFalse();
        assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME.replace("08 00\n", "86 dd\n")))).as("not IPv4").isFalse();
        assertThat(TlsFrames.isTlsHandshake(Hex.bytes(FRAME.replace("00 2d 00 01", "00 28 00 01")))).as("record beyond total length").isFalse();
        assertThat(TlsFrames.isTlsHandshake(new byte[20])).isFalse();
    }
}
