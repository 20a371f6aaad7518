package io.wirelab.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** Several {@link Counters} read as one set: a component's events, drops and parser reasons. */
public final class CounterGroup {
    private final List<Counters<?>> parts;

    public CounterGroup(Counters<?>... parts) { this.parts = List.of(parts); }

    /** The counter called name; IllegalArgumentException when no part has it, so a typo is an error, not a zero. */
    public long get(String name) {
        for (Counters<?> c : parts) if (c.has(name)) return c.get(name);
        List<String> known = new ArrayList<>();
        for (Counters<?> c : parts) known.addAll(c.names());
        throw new IllegalArgumentException("no counter '" + name + "'; known: " + String.join(", ", known));
    }

    /** Every non-zero counter by name: the parts in the order given, each in declaration order. */
    public SequencedMap<String, Long> snapshot() {
        SequencedMap<String, Long> out = new LinkedHashMap<>();
        for (Counters<?> c : parts) c.addNonZeroTo(out);
        return Collections.unmodifiableSequencedMap(out);
    }

    @Override public String toString() { return snapshot().toString(); }
}
