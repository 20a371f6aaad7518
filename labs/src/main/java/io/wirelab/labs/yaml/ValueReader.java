package io.wirelab.labs.yaml;

import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.units.UnitParseException;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads single values of a lab file (text, numbers, quantities with units, addresses) and checks
 * the keys of a map. Each method reports what is wrong at the node it read and returns null then.
 */
final class ValueReader {
    private static final Pattern PORT_RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

    final Problems problems;

    ValueReader(Problems problems) { this.problems = problems; }

    void checkKeys(YMap m, List<String> allowed, String where) {
        for (YEntry e : m.entries()) {
            if (!allowed.contains(e.key()))
                problems.add(e.line(), e.column(), "unknown key '" + e.key() + "' in " + where, DidYouMean.hint(e.key(), allowed));
        }
    }

    /** Like checkKeys, but a key of another kind of device is named as such. */
    void checkKeysOfKind(YMap m, List<String> allowed, List<String> otherKinds, String what) {
        for (YEntry e : m.entries()) {
            if (allowed.contains(e.key())) continue;
            if (otherKinds.contains(e.key()))
                problems.add(e.line(), e.column(), "'" + e.key() + "' does not apply to " + what, "keys for " + what + ": " + String.join(", ", allowed));
            else
                problems.add(e.line(), e.column(), "unknown key '" + e.key() + "' in " + what, DidYouMean.hint(e.key(), allowed));
        }
    }

    /** The key of an entry, as a node to report a problem at. */
    static YNode keyOf(YMap m, String key) {
        YEntry e = m.entry(key);
        return new YScalar(key, false, e.line(), e.column());
    }

    YMap optionalMap(YNode n, String what) {
        if (n == null) return null;
        if (n instanceof YMap m) return m;
        problems.add(n, "expected " + what + " (a map of keys), got " + describe(n), "write key: value pairs, indented, or { key: value }");
        return null;
    }

    /** The entries of an optional map; none when n is missing or not a map (reported). */
    List<YEntry> entries(YNode n, String what) {
        YMap m = optionalMap(n, what);
        return m == null ? List.of() : m.entries();
    }

    String text(YNode n, String what) {
        if (n instanceof YScalar sc && !sc.isNull()) return sc.text();
        problems.add(n, "expected " + what + ", got " + describe(n), null);
        return null;
    }

    Long integer(YNode n, String what, long min, long max) {
        String t = text(n, "a whole number for " + what);
        if (t == null) return null;
        try {
            long v = Long.parseLong(t.strip());
            if (v < min || v > max) {
                problems.add(n, what + " " + v + " is not in " + min + ".." + max, null);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(n, what + " must be a whole number, not '" + t + "'", null);
            return null;
        }
    }

    Boolean bool(YNode n, String what) {
        String t = text(n, "true or false for " + what);
        if (t == null) return null;
        return switch (t.strip()) {
            case "true", "on", "yes" -> Boolean.TRUE;
            case "false", "off", "no" -> Boolean.FALSE;
            default -> { problems.add(n, what + " must be true or false, not '" + t + "'", null); yield null; }
        };
    }

    /** A value in base units (nanoseconds, bytes) checked against min..max. */
    boolean checkRange(YNode n, String what, long v, long min, long max) {
        if (v >= min && v <= max) return true;
        problems.add(n, what + " is out of range", "allowed: " + min + ".." + max + " (in its base unit)");
        return false;
    }

    /** "50000-50009": 1 <= first <= last <= 65535. */
    NodeSpec.PortRange portRange(YNode n) {
        String t = text(n, "a port range such as 32768-60999");
        if (t == null) return null;
        Matcher m = PORT_RANGE.matcher(t);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1)), last = Integer.parseInt(m.group(2));
            if (first >= 1 && last <= 65535 && first <= last) return new NodeSpec.PortRange(first, last);
        }
        problems.add(n, "'" + t + "' is not a port range", "first-last with 1 <= first <= last <= 65535, e.g. 50000-50009");
        return null;
    }

    Long duration(YNode n) { return unit(n, Units::parseDuration); }

    Long size(YNode n) { return unit(n, Units::parseSize); }

    Double percent(YNode n) { return quantity(n, "a percentage such as 1%", Units::parsePercent); }

    Long unit(YNode n, Function<String, Long> parser) { return quantity(n, "a quantity with a unit", parser); }

    private <V> V quantity(YNode n, String what, Function<String, V> parser) {
        String t = text(n, what);
        if (t == null) return null;
        try {
            return parser.apply(t);
        } catch (UnitParseException e) {
            problems.add(n, e.getMessage(), e.hint());
            return null;
        }
    }

    Ipv4Address address(YNode n) {
        String t = text(n, "an IPv4 address");
        if (t == null) return null;
        try {
            return Ipv4Address.parse(t);
        } catch (IllegalArgumentException e) {
            problems.add(n, "bad address: " + e.getMessage(), "four numbers 0-255 joined by dots, e.g. 10.0.0.1");
            return null;
        }
    }

    /** One address or a list of them. */
    List<Ipv4Address> addresses(YNode n) {
        List<Ipv4Address> out = new ArrayList<>();
        List<YNode> items = n instanceof YList l ? l.items() : List.of(n);
        for (YNode i : items) {
            Ipv4Address a = address(i);
            if (a != null) out.add(a);
        }
        return out;
    }

    static String describe(YNode n) {
        return switch (n) {
            case YMap m -> "a map";
            case YList l -> "a list";
            case YScalar s when s.isNull() -> "nothing";
            case YScalar s -> "'" + s.text() + "'";
        };
    }
}
