package io.wirelab.stack.tcp;

import io.wirelab.trace.Counted;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Malformed;

import java.util.Locale;
import java.util.SequencedMap;

/** Per-stack TCP counters: events, drops by {@link TcpDrop}, and the parser's reason behind each MALFORMED drop. */
public final class TcpCounters {
    /** Countable events: RX_OUT_OF_ORDER is tcp.rx.out_of_order, ACTIVE_OPENS is tcp.active_opens. */
    public enum Event implements Counted {
        RX_SEGMENTS, TX_SEGMENTS, TX_RETRANSMIT, TX_FAST_RETRANSMIT, TX_RST, TX_CHALLENGE_ACK,
        TX_ZERO_WINDOW_PROBE, RX_OUT_OF_ORDER, RX_DUPLICATE, ACTIVE_OPENS, PASSIVE_OPENS,
        CONNECT_FAILED, RESETS_RECEIVED, TIMEOUTS, PORT_EXHAUSTED, TIME_WAIT_EXPIRED, TIME_WAIT_REUSED, TIME_WAIT_OVERFLOW, RX_ICMP_ERROR, PATH_MTU_REDUCED, TX_KEEPALIVE_PROBE, TX_LOSS_PROBE,
        TX_DSACK, RX_DSACK, CWND_UNDO, SPURIOUS_RTO;

        private final String counterName = "tcp." + name().toLowerCase(Locale.ROOT).replaceFirst("^([rt]x)_", "$1.");

        @Override public String counterName() { return counterName; }
    }

    private final Counters<Event> events = Counters.of(Event.class);
    private final Counters<TcpDrop> drops = Counters.of(TcpDrop.class);
    private final Counters<Malformed> malformed = Counters.prefixed(Malformed.class, "tcp.rx.drop.malformed.");
    private final CounterGroup all = new CounterGroup(events, drops, malformed);

    public void count(Event e) { events.count(e); }
    public void drop(TcpDrop d) { drops.count(d); }

    /** A MALFORMED drop together with the parser's reason. */
    public void drop(TcpDrop d, Malformed why) {
        drops.count(d);
        malformed.count(why);
    }

    public long get(Event e) { return events.get(e); }
    public long get(TcpDrop d) { return drops.get(d); }
    public long malformed(Malformed why) { return malformed.get(why); }
    public long totalDrops() { return drops.total(); }

    /** Non-zero counters: events, drops, malformed reasons, each in declaration order. */
    public SequencedMap<String, Long> snapshot() { return all.snapshot(); }

    @Override public String toString() { return all.toString(); }
}
