package io.wirelab.stack.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipHashTest {
    /** The SipHash paper's Appendix A key (bytes 00..0f) over the 8-byte message 00..07: the reference vector 62 24 93 9a 79 f5 f5 93. */
    @Test void hash24_matchesTheReferenceVectorOfAnEightByteMessage() {
        assertThat(SipHash.hash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x0706050403020100L)).isEqualTo(0x93f5f5799a932462L);
    }
}
