package io.wirelab.wire.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame of a capture as the display filter sees it: its 1-based number and, per field name, the
 * values the decoder found (a field can occur more than once, e.g. ip.addr or dns.a). Values are Long
 * (UINT, BOOL), Double seconds (TIME), String, Ipv4Address or MacAddress; a protocol's value is its name.
 */
public final class DecodedFrame {
    private final long number;
    private final long timeNanos;
    private final Map<String, List<Object>> fields = new LinkedHashMap<>();

    DecodedFrame(long number, long timeNanos) {
        this.number = number;
        this.timeNanos = timeNanos;
    }

    public long number() { return number; }

    /** The capture timestamp in nanoseconds of virtual time. */
    public long timeNanos() { return timeNanos; }

    void put(String field, Object value) {
        if (Fields.type(field) == null) throw new IllegalStateException("decoder fills a field not in the table: " + field);
        fields.computeIfAbsent(field, k -> new ArrayList<>(1)).add(value);
    }

    void present(String protocol) { put(protocol, protocol); }

    public boolean has(String field) { return fields.containsKey(field); }

    /** The values of field in decoding order; empty when the frame lacks it. */
    public List<Object> values(String field) {
        List<Object> v = fields.get(field);
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    /** The first value of field, or null. */
    public Object first(String field) {
        List<Object> v = fields.get(field);
        return v == null ? null : v.getFirst();
    }

    @Override public String toString() { return "frame " + number + " " + fields; }
}
