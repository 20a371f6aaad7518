package io.wirelab.labs.model;

import io.wirelab.labs.units.Units;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One key of a lab-file section that takes a single value: its name, the kind of value, the range
 * the value must lie in, and how the value sets the section's record T. A section whose keys are all
 * of this sort is a list of settings (TcpSettings.KEYS, LinkSettings.KEYS): the reader applies the
 * list, and LabSchemaConstraintsTest holds docs/lab.schema.json to it, key by key, type and bound.
 */
public sealed interface Setting<T> {
    String key();

    /** The value kinds; each is one $defs type (or a plain JSON type) in docs/lab.schema.json. */
    enum Kind { FLAG, COUNT, DURATION, SIZE, RATE, PERCENT, PORT_RANGE, CHOICE }

    Kind kind();

    /** This setting of a part (TcpOptions) as a setting of a whole that holds the part (TcpSettings). */
    default <W> Setting<W> within(Function<W, T> part, BiFunction<W, T, W> withPart) {
        return switch (this) {
            case Flag<T> f -> new Flag<W>(f.key(), (w, v) -> withPart.apply(w, f.set().set(part.apply(w), v)));
            case Quantity<T> q -> new Quantity<W>(q.key(), q.kind(), q.label(), q.min().within(part), q.max().within(part),
                    (w, v) -> withPart.apply(w, q.set().set(part.apply(w), v)));
            case Percent<T> p -> new Percent<W>(p.key(), (w, v) -> withPart.apply(w, p.set().set(part.apply(w), v)));
            case Ports<T> p -> new Ports<W>(p.key(), (w, v) -> withPart.apply(w, p.set().set(part.apply(w), v)));
            case Choice<T> c -> new Choice<W>(c.key(), c.words(), (w, v) -> withPart.apply(w, c.set().set(part.apply(w), v)));
        };
    }

    /** true/false (also on/off, yes/no). */
    record Flag<T>(String key, FlagSetter<T> set) implements Setting<T> {
        @Override public Kind kind() { return Kind.FLAG; }
    }

    /**
     * A whole number (COUNT), a duration in nanoseconds, a size in bytes or a rate in bits per
     * second, within min..max inclusive. label names it in messages ("initial-window (segments)").
     */
    record Quantity<T>(String key, Kind kind, String label, Bound<T> min, Bound<T> max, LongSetter<T> set) implements Setting<T> {
        public Quantity {
            if (!List.of(Kind.COUNT, Kind.DURATION, Kind.SIZE, Kind.RATE).contains(kind)) throw new IllegalArgumentException(key + ": " + kind);
        }

        /** Whether the range says anything beyond the kind's own (0 or more). */
        public boolean bounded() { return !(min.isFixed() && min.value() <= 0 && max.isFixed() && max.value() == Long.MAX_VALUE); }

        /** The range as docs/lab.schema.json states it: "0ns..500ms", "1ns..max-rto", "min-rto..", "1B..1073741824B". */
        public String rangeText() {
            return text(min) + ".." + (max.isFixed() && max.value() == Long.MAX_VALUE ? "" : text(max));
        }

        private String text(Bound<T> b) {
            if (!b.isFixed()) return b.otherKey();
            return switch (kind) {
                case DURATION -> Units.formatDuration(b.value());
                case SIZE -> b.value() + "B";
                case RATE -> Units.formatRate(b.value());
                default -> Long.toString(b.value());
            };
        }
    }

    /** A percentage 0..100%, set as a fraction 0..1. */
    record Percent<T>(String key, FractionSetter<T> set) implements Setting<T> {
        @Override public Kind kind() { return Kind.PERCENT; }
    }

    /** "first-last", 1 <= first <= last <= 65535. */
    record Ports<T>(String key, PortsSetter<T> set) implements Setting<T> {
        @Override public Kind kind() { return Kind.PORT_RANGE; }
    }

    /** One word out of a fixed list. */
    record Choice<T>(String key, List<String> words, ChoiceSetter<T> set) implements Setting<T> {
        public Choice { words = List.copyOf(words); }

        @Override public Kind kind() { return Kind.CHOICE; }
    }

    /** A limit: a number, or another setting's current value (max-rto bounds min-rto). */
    record Bound<T>(long value, String otherKey, ToLongFunction<T> current) {
        public static <T> Bound<T> of(long value) { return new Bound<>(value, null, null); }

        public static <T> Bound<T> key(String otherKey, ToLongFunction<T> current) { return new Bound<>(0, otherKey, current); }

        public boolean isFixed() { return current == null; }

        public long resolve(T settings) { return current == null ? value : current.applyAsLong(settings); }

        <W> Bound<W> within(Function<W, T> part) {
            return current == null ? of(value) : key(otherKey, w -> current.applyAsLong(part.apply(w)));
        }
    }

    @FunctionalInterface interface FlagSetter<T> { T set(T settings, boolean value); }

    @FunctionalInterface interface LongSetter<T> { T set(T settings, long value); }

    @FunctionalInterface interface IntSetter<T> { T set(T settings, int value); }

    @FunctionalInterface interface FractionSetter<T> { T set(T settings, double value); }

    @FunctionalInterface interface PortsSetter<T> { T set(T settings, NodeSpec.PortRange value); }

    @FunctionalInterface interface ChoiceSetter<T> { T set(T settings, String value); }

    static <T> Setting<T> flag(String key, FlagSetter<T> set) { return new Flag<>(key, set); }

    static <T> Setting<T> count(String key, String label, long min, long max, IntSetter<T> set) {
        return new Quantity<>(key, Kind.COUNT, label, Bound.of(min), Bound.of(max), (s, v) -> set.set(s, Math.toIntExact(v)));
    }

    static <T> Setting<T> duration(String key, long minNanos, long maxNanos, LongSetter<T> set) {
        return duration(key, Bound.of(minNanos), Bound.of(maxNanos), set);
    }

    static <T> Setting<T> duration(String key, Bound<T> min, Bound<T> max, LongSetter<T> set) {
        return new Quantity<>(key, Kind.DURATION, key, min, max, set);
    }

    static <T> Setting<T> size(String key, long minBytes, long maxBytes, IntSetter<T> set) {
        if (maxBytes > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " is set as an int");
        return new Quantity<>(key, Kind.SIZE, key, Bound.of(minBytes), Bound.of(maxBytes), (s, v) -> set.set(s, Math.toIntExact(v)));
    }

    /** A rate in minBps..maxBps; the word "unlimited" reads as 0 (no serialization delay), outside the range. */
    static <T> Setting<T> rate(String key, long minBps, long maxBps, LongSetter<T> set) {
        return new Quantity<>(key, Kind.RATE, key, Bound.of(minBps), Bound.of(maxBps), set);
    }

    static <T> Setting<T> percent(String key, FractionSetter<T> set) { return new Percent<>(key, set); }

    static <T> Setting<T> ports(String key, PortsSetter<T> set) { return new Ports<>(key, set); }

    static <T> Setting<T> choice(String key, List<String> words, ChoiceSetter<T> set) { return new Choice<>(key, words, set); }

    /** The keys of a section, in table order. */
    static List<String> keys(List<? extends Setting<?>> table) { return table.stream().map(Setting::key).toList(); }
}
