package io.wirelab.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CounterGroupTest {
    enum Event implements Counted {
        SENT, RECEIVED;
        @Override public String counterName() { return "app." + name().toLowerCase(java.util.Locale.ROOT); }
    }

    enum Why { SHORT, LONG }

    @Test void snapshot_listsPartsInTheOrderGiven() {
        Counters<Event> events = Counters.of(Event.class);
        Counters<Why> drops = Counters.prefixed(Why.class, "app.rx.drop.");
        CounterGroup g = new CounterGroup(events, drops);
        drops.count(Why.LONG);
        events.count(Event.RECEIVED);
        assertThat(g.snapshot().keySet()).containsExactly("app.received", "app.rx.drop.long");
    }

    @Test void get_findsAnyPartsCounter_andRejectsATypo() {
        Counters<Event> events = Counters.of(Event.class);
        Counters<Why> drops = Counters.prefixed(Why.class, "app.rx.drop.");
        CounterGroup g = new CounterGroup(events, drops);
        drops.count(Why.SHORT);
        assertThat(g.get("app.rx.drop.short")).isEqualTo(1);
        assertThat(g.get("app.sent")).isZero();
        assertThatThrownBy(() -> g.get("app.rx.drop.shrot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app.rx.drop.shrot").hasMessageContaining("app.rx.drop.short");
    }
}
