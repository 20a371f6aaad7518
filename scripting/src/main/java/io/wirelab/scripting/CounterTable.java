package io.wirelab.scripting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Named counters at one moment ({@code pc1.counters}, {@code pc1.counters.ipv4_no_route}): iterable
 * entries whose text is a NAME / VALUE table. Not a Map, so that println shows the table.
 */
public final class CounterTable implements Iterable<Map.Entry<String, Long>> {
    private final SequencedMap<String, Long> values;

    CounterTable(SequencedMap<String, Long> values) { this.values = Collections.unmodifiableSequencedMap(values); }

    /** A counter by name (0 when it never counted); also {@code counters.name} in Groovy. */
    public long get(String name) { return values.getOrDefault(name, 0L); }
    public int size() { return values.size(); }
    public Map<String, Long> toMap() { return values; }
    @Override public Iterator<Map.Entry<String, Long>> iterator() { return values.entrySet().iterator(); }

    @Override public String toString() {
        if (values.isEmpty()) return "(no counters)";
        List<List<String>> rows = new ArrayList<>();
        values.forEach((k, v) -> rows.add(List.of(k, Long.toString(v))));
        return TextTable.of(List.of("COUNTER", "VALUE"), rows);
    }
}
