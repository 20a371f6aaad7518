package io.wirelab.console;

import io.wirelab.devices.host.PingResult;
import io.wirelab.scripting.TextTable;
import io.wirelab.scripting.VirtualDuration;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Console results as text: a ping result, a list of records (ARP cache, MAC table, leases, sockets)
 * or a map as an aligned table; anything else by its toString. New result types get a table by
 * being records, or by {@link #register}.
 */
public final class Tables {
    private static final Map<Class<?>, Function<Object, String>> CUSTOM = new LinkedHashMap<>();

    static {
        register(PingResult.class, r -> ping((PingResult) r));
    }

    private Tables() {}

    /** Renders values of type (and its subtypes) with f. */
    public static synchronized void register(Class<?> type, Function<Object, String> f) { CUSTOM.put(type, f); }

    /** The text the console prints for a result. */
    public static String render(Object value) {
        if (value == null) return "null";
        Function<Object, String> f = custom(value.getClass());
        if (f != null) return f.apply(value);
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) rows.add(List.of(String.valueOf(e.getKey()), cell(e.getValue())));
            return table(List.of("KEY", "VALUE"), rows);
        }
        if (value instanceof Collection<?> c && !c.isEmpty()) {
            Object first = c.iterator().next();
            if (c.stream().allMatch(x -> x instanceof Map<?, ?> m && !m.isEmpty())) return maps(c);
            if (first != null && first.getClass().isRecord() && c.stream().allMatch(x -> x != null && x.getClass() == first.getClass()))
                return records(first.getClass(), c);
            StringBuilder sb = new StringBuilder();
            for (Object o : c) sb.append(o instanceof Collection<?> || o instanceof Map<?, ?> ? render(o) : cell(o)).append('\n');
            return sb.toString().stripTrailing();
        }
        if (value instanceof Collection<?> c) return "(none)";
        if (value.getClass().isRecord() && !value.getClass().getName().startsWith("io.wirelab.scripting.")
                && value.getClass().getRecordComponents().length > 1 && !hasOwnToString(value.getClass()))
            return records(value.getClass(), List.of(value));
        return String.valueOf(value);
    }

    /** An aligned table: a header row, then rows; columns separated by two spaces. */
    public static String table(List<String> header, List<List<String>> rows) { return TextTable.of(header, rows); }

    /** A list of maps as one table: a column per key, in the order the keys first appear. */
    private static String maps(Collection<?> items) {
        List<Object> keys = new ArrayList<>();
        for (Object o : items) for (Object k : ((Map<?, ?>) o).keySet()) if (!keys.contains(k)) keys.add(k);
        List<List<String>> rows = new ArrayList<>();
        for (Object o : items) {
            Map<?, ?> m = (Map<?, ?>) o;
            List<String> row = new ArrayList<>();
            for (Object k : keys) row.add(m.containsKey(k) ? cell(m.get(k)) : "");
            rows.add(row);
        }
        return table(keys.stream().map(k -> String.valueOf(k).toUpperCase(Locale.ROOT)).toList(), rows);
    }

    private static synchronized Function<Object, String> custom(Class<?> type) {
        for (Map.Entry<Class<?>, Function<Object, String>> e : CUSTOM.entrySet())
            if (e.getKey().isAssignableFrom(type)) return e.getValue();
        return null;
    }

    private static boolean hasOwnToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() == type && !type.isRecord();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String records(Class<?> type, Collection<?> items) {
        RecordComponent[] rcs = type.getRecordComponents();
        List<String> header = new ArrayList<>();
        for (RecordComponent rc : rcs) header.add(columnName(rc.getName()));
        List<List<String>> rows = new ArrayList<>();
        for (Object o : items) {
            List<String> row = new ArrayList<>();
            for (RecordComponent rc : rcs) {
                try {
                    Object v = rc.getAccessor().invoke(o);
                    row.add(rc.getName().endsWith("Nanos") && v instanceof Long n ? VirtualDuration.ofNanos(n).toString() : cell(v));
                } catch (ReflectiveOperationException e) {
                    row.add("?");
                }
            }
            rows.add(row);
        }
        return table(header, rows);
    }

    private static String columnName(String component) {
        String n = component.endsWith("Nanos") ? component.substring(0, component.length() - 5) : component;
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    private static String cell(Object v) {
        if (v == null) return "-";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.3f", d);
        return String.valueOf(v);
    }

    /** Replies beyond this many show as the first and last few (the statistics cover them all). */
    static final int PING_ROWS = 20;
    private static final int PING_ENDS = 5;

    private static String ping(PingResult r) {
        List<List<String>> rows = new ArrayList<>();
        List<Long> rtts = r.rttNanos();
        for (int i = 0; i < rtts.size(); i++) {
            if (rtts.size() > PING_ROWS && i == PING_ENDS) {
                rows.add(List.of("...", (rtts.size() - 2 * PING_ENDS) + " more (the result's rttNanos has every one)"));
                i = rtts.size() - PING_ENDS;
            }
            rows.add(List.of(Integer.toString(i + 1), ms(rtts.get(i))));
        }
        String replies = rows.isEmpty() ? "no replies" : table(List.of("REPLY", "RTT"), rows);
        String loss = r.lossPercent() == Math.rint(r.lossPercent()) ? Long.toString((long) r.lossPercent())
                : String.format(Locale.ROOT, "%.1f", r.lossPercent());
        boolean none = rtts.isEmpty();
        String summary = table(List.of("DESTINATION", "SENT", "RECEIVED", "LOSS", "MIN", "AVG", "MAX", "MDEV"),
                List.of(List.of(r.destination().toString(), Integer.toString(r.sent()), Integer.toString(r.received()), loss + "%",
                        none ? "-" : ms(r.minNanos()), none ? "-" : ms(r.avgNanos()), none ? "-" : ms(r.maxNanos()), none ? "-" : ms(r.mdevNanos()))));
        return replies + "\n" + summary + errors(r.errorMessages());
    }

    /** Each distinct error once with its count, a few at most: a failed 1000-count ping is not one 2,000-character line. */
    private static String errors(List<String> messages) {
        if (messages.isEmpty()) return "";
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String m : messages) counts.merge(m.replaceAll("icmp_seq=\\d+ ", ""), 1, Integer::sum);
        List<List<String>> rows = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (shown++ == PING_ENDS) {
                rows.add(List.of("...", (counts.size() - PING_ENDS) + " other errors"));
                break;
            }
            rows.add(List.of(Integer.toString(e.getValue()), e.getKey()));
        }
        return "\n" + table(List.of("ERRORS", "MESSAGE"), rows);
    }

    private static String ms(long nanos) { return VirtualDuration.ofNanos(nanos).toString(); }
}
