package io.wirelab.labs.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaceTest {
    @Test void namesAndRatesParse() {
        assertThat(Pace.parse("realtime").rate()).isEqualTo(1);
        assertThat(Pace.parse("0.1x").rate()).isEqualTo(0.1);
        assertThat(Pace.parse(".5x").rate()).isEqualTo(0.5);
        assertThat(Pace.parse("2X").rate()).isEqualTo(2);
        assertThat(Pace.parse("fast")).isEqualTo(Pace.FAST);
        assertThat(Pace.parse("fast").isFast()).isTrue();
        assertThat(Pace.parse("0.1x")).hasToString("0.1x");
        assertThat(Pace.parse("1x")).hasToString("realtime");
    }

    @Test void anythingElseIsRefusedWithTheFormsThatWork() {
        for (String bad : new String[] {"2", "x", "-1x", "fastest", "2 x", "1e3x", ""})
            assertThatThrownBy(() -> Pace.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use realtime, a rate such as 0.1x or 2x, or fast");
        assertThatThrownBy(() -> Pace.parse("0x")).hasMessageContaining("from 0.001x to 1000x");
        assertThatThrownBy(() -> Pace.parse("5000x")).hasMessageContaining("out of range");
    }
}
