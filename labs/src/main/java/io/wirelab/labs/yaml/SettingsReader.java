package io.wirelab.labs.yaml;

import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;

import java.util.List;

/**
 * Reads a map whose keys are single values by its table of settings (TcpSettings.KEYS,
 * LinkSettings.KEYS): checks the keys, reads each value by its kind, checks its range, and sets it.
 */
final class SettingsReader {
    private final ValueReader values;

    SettingsReader(ValueReader values) { this.values = values; }

    /** The map's values set over base, in map order; null when any key or value has a problem (each is reported). */
    <T> T read(YMap m, List<Setting<T>> table, T base, String where) {
        values.checkKeys(m, Setting.keys(table), where);
        T settings = base;
        boolean ok = true;
        for (YEntry e : m.entries()) {
            Setting<T> s = find(table, e.key());
            T next = s == null ? null : apply(s, e.value(), settings);
            if (next != null) settings = next;
            else ok = false;
        }
        return ok ? settings : null;
    }

    private static <T> Setting<T> find(List<Setting<T>> table, String key) {
        for (Setting<T> s : table) if (s.key().equals(key)) return s;
        return null;
    }

    private <T> T apply(Setting<T> s, YNode v, T settings) {
        return switch (s) {
            case Setting.Flag<T> f -> {
                Boolean b = values.bool(v, f.key());
                yield b == null ? null : f.set().set(settings, b);
            }
            case Setting.Quantity<T> q -> {
                Long x = quantity(q, v, settings);
                yield x == null ? null : q.set().set(settings, x);
            }
            case Setting.Percent<T> p -> {
                Double x = values.percent(v);
                yield x == null ? null : p.set().set(settings, x);
            }
            case Setting.Ports<T> p -> {
                NodeSpec.PortRange r = values.portRange(v);
                yield r == null ? null : p.set().set(settings, r);
            }
            case Setting.Choice<T> c -> {
                String w = values.text(v, "one of: " + String.join(", ", c.words()));
                if (w != null && !c.words().contains(w.strip())) {
                    values.problems.add(v, c.key() + " must be one of " + String.join(", ", c.words()) + ", not '" + w + "'", DidYouMean.hint(w.strip(), c.words()));
                    w = null;
                }
                yield w == null ? null : c.set().set(settings, w.strip());
            }
        };
    }

    private <T> Long quantity(Setting.Quantity<T> q, YNode v, T settings) {
        long min = q.min().resolve(settings), max = q.max().resolve(settings);
        if (q.kind() == Setting.Kind.RATE && v instanceof YamlTree.YScalar sc && sc.text().strip().equals("unlimited"))
            return 0L;                                               // no serialization delay; outside the range on purpose
        Long x = switch (q.kind()) {
            case COUNT -> values.integer(v, q.label(), min, max);
            case DURATION -> values.duration(v);
            case SIZE -> values.size(v);
            case RATE -> values.unit(v, Units::parseRate);
            default -> throw new IllegalStateException(q.key() + ": " + q.kind());
        };
        if (x == null || q.kind() == Setting.Kind.COUNT) return x;
        return values.checkRange(v, q.label(), x, min, max, q.kind()) ? x : null;
    }
}
