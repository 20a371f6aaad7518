package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TlsSessionTest {
    /** RFC 8448 §3 (simple 1-RTT handshake): the server handshake traffic key and IV from its secret. */
    @Test void expandLabelGivesRfc8448Keys() throws Exception {
        byte[] secret = HexFormat.of().parseHex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
        assertThat(HexFormat.of().formatHex(TlsSession.expandLabel("HmacSHA256", secret, "key", 16))).isEqualTo("3fce516009c21727d0f2e4e86ee403bc");
        assertThat(HexFormat.of().formatHex(TlsSession.expandLabel("HmacSHA256", secret, "iv", 12))).isEqualTo("5d313eb2671276ee13000b30");
    }
}
