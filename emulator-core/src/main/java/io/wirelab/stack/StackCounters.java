package io.wirelab.stack;

import io.wirelab.wire.Malformed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counters of one NetworkStack: events (StackEvent) and drops by named reason, plus the Malformed
 * reason behind each MALFORMED drop per layer. Arrays indexed by ordinal; single-threaded.
 */
public final class StackCounters {
    private final long[] events = new long[StackEvent.values().length];
    private final Map<Class<?>, long[]> drops = new LinkedHashMap<>();
    private final Map<String, long[]> malformed = new LinkedHashMap<>();

    public void count(StackEvent e) { events[e.ordinal()]++; }
    public long get(StackEvent e) { return events[e.ordinal()]; }

    public void drop(DropReason reason) { dropArray(reason)[((Enum<?>) reason).ordinal()]++; }

    /** A MALFORMED-style drop together with the parser's reason. */
    public void drop(DropReason reason, Malformed why) {
        drop(reason);
        malformed.computeIfAbsent(reason.layer(), k -> new long[Malformed.values().length])[why.ordinal()]++;
    }

    public long drops(DropReason reason) {
        long[] a = drops.get(((Enum<?>) reason).getDeclaringClass());
        return a == null ? 0 : a[((Enum<?>) reason).ordinal()];
    }

    /** How often the layer ("ethernet", "arp", "ipv4", "icmp", "udp") rejected bytes as why. */
    public long malformed(String layer, Malformed why) {
        long[] a = malformed.get(layer);
        return a == null ? 0 : a[why.ordinal()];
    }

    public long totalDrops() {
        long sum = 0;
        for (long[] a : drops.values()) for (long v : a) sum += v;
        return sum;
    }

    /** Every non-zero counter by name ("ipv4.rx.drop.bad_checksum", "ipv4.rx.drop.malformed.truncated"). */
    public SortedMap<String, Long> snapshot() {
        TreeMap<String, Long> out = new TreeMap<>();
        for (StackEvent e : StackEvent.values()) if (events[e.ordinal()] != 0) out.put(e.counterName(), events[e.ordinal()]);
        for (Map.Entry<Class<?>, long[]> d : drops.entrySet()) {
            Object[] constants = d.getKey().getEnumConstants();
            for (int i = 0; i < constants.length; i++)
                if (d.getValue()[i] != 0) out.put(((DropReason) constants[i]).counterName(), d.getValue()[i]);
        }
        for (Map.Entry<String, long[]> m : malformed.entrySet())
            for (Malformed why : Malformed.values())
                if (m.getValue()[why.ordinal()] != 0)
                    out.put(m.getKey() + ".rx.drop.malformed." + why.name().toLowerCase(java.util.Locale.ROOT), m.getValue()[why.ordinal()]);
        return Collections.unmodifiableSortedMap(out);
    }

    private long[] dropArray(DropReason reason) {
        Class<?> type = ((Enum<?>) reason).getDeclaringClass();
        long[] a = drops.get(type);
        if (a == null) {
            a = new long[type.getEnumConstants().length];
            drops.put(type, a);
        }
        return a;
    }
}
