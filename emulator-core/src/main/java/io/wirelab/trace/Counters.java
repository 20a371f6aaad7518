package io.wirelab.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One counter per constant of an enum, stored in a {@code long[]} by ordinal (single-threaded).
 * Names are fixed at construction, so a counter that does not exist cannot be read as zero.
 */
public final class Counters<E extends Enum<E>> {
    /**
     * The names of of() and prefixed() counters, one array per enum and prefix for all their instances:
     * a host holds about 18 Counters, and 100,000 hosts held 12 million copies of the same names.
     */
    private static final ConcurrentHashMap<List<Object>, String[]> SHARED_NAMES = new ConcurrentHashMap<>();

    private final String[] names;
    private final long[] values;

    /** Counters named by naming (called once per constant). */
    public Counters(Class<E> type, Function<? super E, String> naming) { this(names(type, naming)); }

    private Counters(String[] names) {
        this.names = names;
        this.values = new long[names.length];
    }

    /** Counters named by each constant's {@link Counted#counterName()}. */
    public static <E extends Enum<E> & Counted> Counters<E> of(Class<E> type) {
        return new Counters<>(SHARED_NAMES.computeIfAbsent(List.of(type), k -> names(type, Counted::counterName)));
    }

    /** Counters named prefix + the constant's name in lower case, e.g. "tcp.rx.drop.malformed." + "truncated". */
    public static <E extends Enum<E>> Counters<E> prefixed(Class<E> type, String prefix) {
        return new Counters<>(SHARED_NAMES.computeIfAbsent(List.of(type, prefix),
                k -> names(type, e -> prefix + e.name().toLowerCase(Locale.ROOT))));
    }

    private static <E extends Enum<E>> String[] names(Class<E> type, Function<? super E, String> naming) {
        E[] constants = type.getEnumConstants();
        String[] names = new String[constants.length];
        for (E e : constants) names[e.ordinal()] = naming.apply(e);
        return names;
    }

    public void count(E e) { values[e.ordinal()]++; }
    public void add(E e, long n) { values[e.ordinal()] += n; }
    public long get(E e) { return values[e.ordinal()]; }
    public String name(E e) { return names[e.ordinal()]; }

    /** The counter called name; IllegalArgumentException when no constant has that name. */
    public long get(String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return values[i];
        throw new IllegalArgumentException("no counter '" + name + "'; known: " + String.join(", ", names));
    }

    /** Every counter's name, in declaration order. */
    public List<String> names() { return List.of(names); }

    /** True when one of the constants is called name. */
    public boolean has(String name) {
        for (String n : names) if (n.equals(name)) return true;
        return false;
    }

    public long total() {
        long sum = 0;
        for (long v : values) sum += v;
        return sum;
    }

    /** Adds every non-zero counter to out, in declaration order. */
    public void addNonZeroTo(SequencedMap<String, Long> out) {
        for (int i = 0; i < values.length; i++) if (values[i] != 0) out.put(names[i], values[i]);
    }

    /** Every non-zero counter by name, in declaration order. */
    public SequencedMap<String, Long> snapshot() {
        SequencedMap<String, Long> out = new LinkedHashMap<>();
        addNonZeroTo(out);
        return Collections.unmodifiableSequencedMap(out);
    }

    @Override public String toString() { return snapshot().toString(); }
}
