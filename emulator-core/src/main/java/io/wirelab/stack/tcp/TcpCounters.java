package io.wirelab.stack.tcp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Per-stack TCP counters: named events plus one drop counter per {@link TcpDrop}. */
public final class TcpCounters {
    /** Countable events, named tcp.&lt;name&gt; with '_' as '.'. */
    public enum Event {
        RX_SEGMENTS, TX_SEGMENTS, TX_RETRANSMIT, TX_FAST_RETRANSMIT, TX_RST, TX_CHALLENGE_ACK,
        TX_DUP_ACK, TX_ZERO_WINDOW_PROBE, RX_OUT_OF_ORDER, RX_DUPLICATE, ACTIVE_OPENS, PASSIVE_OPENS,
        CONNECT_FAILED, RESETS_RECEIVED, TIMEOUTS, PORT_EXHAUSTED, TIME_WAIT_EXPIRED;

        public String counterName() { return "tcp." + name().toLowerCase(Locale.ROOT).replace('_', '.'); }
    }

    private final long[] events = new long[Event.values().length];
    private final long[] drops = new long[TcpDrop.values().length];

    public void count(Event e) { events[e.ordinal()]++; }
    public void drop(TcpDrop d) { drops[d.ordinal()]++; }
    public long get(Event e) { return events[e.ordinal()]; }
    public long get(TcpDrop d) { return drops[d.ordinal()]; }

    public long totalDrops() {
        long n = 0;
        for (long d : drops) n += d;
        return n;
    }

    /** Non-zero counters in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Event e : Event.values()) if (events[e.ordinal()] != 0) m.put(e.counterName(), events[e.ordinal()]);
        for (TcpDrop d : TcpDrop.values()) if (drops[d.ordinal()] != 0) m.put(d.counterName(), drops[d.ordinal()]);
        return m;
    }

    @Override public String toString() { return snapshot().toString(); }
}
