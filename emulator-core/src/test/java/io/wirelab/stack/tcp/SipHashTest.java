package io.wirelab.stack.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipHashTest {
    /** The SipHash paper's Appendix A key (bytes 00..0f) over the 8-byte message 00..07: the reference vector 62 24 93 9a 79 f5 f5 93. */
    @Test void hash24_matchesTheReferenceVectorOfAnEightByteMessage() {
        assertThat(SipHash.hash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x0706050403020100L)).isEqualTo(0x93f5f5799a932462L);
    }

    /** The same key over the 12-byte message 00..0b, as siphash_3u32(0x03020100, 0x07060504, 0x0b0a0908): fb e5 0e 86 bc 8f 1e 75 (computed apart, in Python). */
    @Test void hash24_matchesTheReferenceVectorOfATwelveByteMessage() {
        assertThat(SipHash.hash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x0706050403020100L, 0x0b0a0908)).isEqualTo(0x751e8fbc860ee5fbL);
    }
}
