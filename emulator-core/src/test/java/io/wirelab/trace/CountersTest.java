package io.wirelab.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountersTest {
    enum Sample implements Counted {
        RX_FRAME, TX_FRAME, RX_DROP_RUNT;

        @Override public String counterName() { return "sample." + name().toLowerCase(java.util.Locale.ROOT); }
    }

    @Test void snapshot_holdsNonZeroCountersInDeclarationOrder() {
        Counters<Sample> c = Counters.of(Sample.class);
        c.count(Sample.RX_DROP_RUNT);
        c.count(Sample.RX_FRAME);
        c.count(Sample.RX_FRAME);
        assertThat(c.snapshot().keySet()).containsExactly("sample.rx_frame", "sample.rx_drop_runt");
        assertThat(c.get(Sample.RX_FRAME)).isEqualTo(2);
        assertThat(c.get(Sample.TX_FRAME)).isZero();
        assertThat(c.total()).isEqualTo(3);
    }

    @Test void getByName_readsTheCounter_andRejectsAnUnknownName() {
        Counters<Sample> c = Counters.of(Sample.class);
        c.count(Sample.TX_FRAME);
        assertThat(c.get("sample.tx_frame")).isEqualTo(1);
        assertThat(c.get("sample.rx_frame")).isZero();
        assertThat(c.has("sample.tx_frame")).isTrue();
        assertThatThrownBy(() -> c.get("sample.tx_frames"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample.tx_frames").hasMessageContaining("sample.tx_frame,");
    }

    @Test void prefixed_namesConstantsInLowerCase() {
        Counters<Sample> c = Counters.prefixed(Sample.class, "x.rx.drop.malformed.");
        c.count(Sample.RX_DROP_RUNT);
        assertThat(c.snapshot()).containsExactly(java.util.Map.entry("x.rx.drop.malformed.rx_drop_runt", 1L));
    }

    @Test void instancesOfOneEnumAndPrefix_shareNames_butCountApart() {
        Counters<Sample> a = Counters.prefixed(Sample.class, "a."), b = Counters.prefixed(Sample.class, "a."), other = Counters.prefixed(Sample.class, "b.");
        a.count(Sample.TX_FRAME);
        b.count(Sample.RX_FRAME);
        b.count(Sample.RX_FRAME);
        other.count(Sample.TX_FRAME);
        assertThat(a.snapshot()).containsExactly(java.util.Map.entry("a.tx_frame", 1L));
        assertThat(b.snapshot()).containsExactly(java.util.Map.entry("a.rx_frame", 2L));
        assertThat(other.snapshot()).containsExactly(java.util.Map.entry("b.tx_frame", 1L));
        assertThat(a.name(Sample.RX_DROP_RUNT)).isSameAs(b.name(Sample.RX_DROP_RUNT));
        assertThat(Counters.of(Sample.class).name(Sample.TX_FRAME)).isSameAs(Counters.of(Sample.class).name(Sample.TX_FRAME)).isEqualTo("sample.tx_frame");
    }
}
