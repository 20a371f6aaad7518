package io.wirelab.labs.yaml;

import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.units.UnitParseException;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.labs.yaml.YamlTree.Type;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.math.BigInteger;
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
    /** Why an address the JDK would read is still refused (LabLimits.IPV4_PATTERN). */
    static final String NOT_PLAIN = "write ASCII digits 0-255 without leading zeros (010 reads as octal in some tools)";
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern IPV4 = Pattern.compile(LabLimits.IPV4_PATTERN);
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
        return new YScalar(key, e.line(), e.column());
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

    /** Text: a string scalar, quoted or not; a plain true, false or number is refused (one must quote it). */
    String text(YNode n, String what) {
        if (n instanceof YScalar sc && sc.type() != Type.TEXT && !sc.isNull()) {
            problems.add(n, "expected " + what + ", got " + describe(n), "YAML reads it as " + typeName(sc.type()) + "; quote it to mean text: \"" + sc.text() + "\"");
            return null;
        }
        return scalar(n, what);
    }

    /** Any scalar's source text: for values whose syntax the caller checks (quantities, descriptions, page bodies). */
    String scalar(YNode n, String what) {
        if (n instanceof YScalar sc && !sc.isNull()) return sc.text();
        problems.add(n, "expected " + what + ", got " + describe(n), null);
        return null;
    }

    /** A plain YAML whole number, ASCII digits without leading zeros (YAML 1.1 reads 010 as octal), in min..max. */
    Long integer(YNode n, String what, long min, long max) {
        String t = scalar(n, "a whole number for " + what);
        if (t == null) return null;
        if (!(n instanceof YScalar sc && sc.type() == Type.INTEGER) || !WHOLE.matcher(t).matches()) {
            problems.add(n, what + " must be a whole number, not " + describe(n), n instanceof YScalar sc && sc.type() == Type.TEXT
                    && WHOLE.matcher(t.strip()).matches() ? "write it without quotes" : "e.g. " + Math.max(min, Math.min(max, 1)));
            return null;
        }
        if (t.matches("[+-]?0[0-9]+")) {
            problems.add(n, what + " '" + t + "' has a leading zero", "write " + t.replaceFirst("^([+-]?)0+(?=[0-9])", "$1") + " (a leading 0 reads as octal in YAML 1.1)");
            return null;
        }
        BigInteger v = new BigInteger(t);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(n, what + " " + t + " is not in " + min + ".." + max, null);
            return null;
        }
        return v.longValueExact();
    }

    /** A plain YAML boolean: true or false (YAML 1.1's yes/no, on/off too, as the YAML parser and so the schema read them). */
    Boolean bool(YNode n, String what) {
        String t = scalar(n, "true or false for " + what);
        if (t == null) return null;
        if (n instanceof YScalar sc && sc.type() == Type.BOOLEAN)
            return List.of("true", "yes", "on", "y").contains(t.strip().toLowerCase(java.util.Locale.ROOT));
        problems.add(n, what + " must be true or false, not " + describe(n), "write true or false, without quotes");
        return null;
    }

    /** A value in base units (nanoseconds, bytes) checked against min..max. */
    boolean checkRange(YNode n, String what, long v, long min, long max, Setting.Kind kind) {
        if (v >= min && v <= max) return true;
        problems.add(n, what + " " + format(kind, v) + " is out of range", "allowed: " + format(kind, min) + ".." + format(kind, max));
        return false;
    }

    static String format(Setting.Kind kind, long v) {
        return switch (kind) {
            case DURATION -> Units.formatDuration(v);
            case SIZE -> v + "B";
            case RATE -> Units.formatRate(v);
            default -> Long.toString(v);
        };
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
        String t = scalar(n, what);
        if (t == null) return null;
        try {
            return parser.apply(t);
        } catch (UnitParseException e) {
            problems.add(n, e.getMessage(), e.hint());
            return null;
        }
    }

    /** A dotted quad as LabLimits.IPV4_PATTERN writes it. */
    Ipv4Address address(YNode n) {
        String t = text(n, "an IPv4 address");
        if (t == null) return null;
        if (IPV4.matcher(t).matches()) return Ipv4Address.parse(t);
        try {
            Ipv4Address.parse(t);
            problems.add(n, "'" + t + "' is not a plain dotted quad: " + NOT_PLAIN, "e.g. 10.0.0.1");
        } catch (IllegalArgumentException e) {
            problems.add(n, "bad address: " + e.getMessage(), "four numbers 0-255 joined by dots, e.g. 10.0.0.1");
        }
        return null;
    }

    /** An address a host can send to: not 0.0.0.0/8, loopback, multicast, reserved (240/4) or 255.255.255.255. */
    Ipv4Address unicastAddress(YNode n, String what) {
        Ipv4Address a = address(n);
        if (a == null) return null;
        String why = notUnicast(a);
        if (why == null) return a;
        problems.add(n, what + " " + a + " is " + why, "use the unicast address of a device in the lab");
        return null;
    }

    /** Why a is no unicast host address (RFC 1122 §3.2.1.3, RFC 1112 §4, RFC 6890), or null. */
    static String notUnicast(Ipv4Address a) {
        int top = a.bits() >>> 24;
        if (a.isLimitedBroadcast()) return "the limited broadcast address";
        if (top == 0) return "in 0.0.0.0/8 (\"this network\", RFC 1122 §3.2.1.3)";
        if (a.isLoopback()) return "a loopback address (127.0.0.0/8)";
        if (a.isMulticast()) return "a multicast address (224.0.0.0/4)";
        if (top >= 240) return "reserved (240.0.0.0/4, RFC 1112 §4)";
        return null;
    }

    /** One unicast address or a non-empty list of them; what names one in a message ("DNS server"). */
    List<Ipv4Address> unicastAddresses(YNode n, String what) {
        List<Ipv4Address> out = new ArrayList<>();
        List<YNode> items = n instanceof YList l ? l.items() : List.of(n);
        if (items.isEmpty()) problems.add(n, "expected at least one " + what + " address, got an empty list", "e.g. [10.0.0.53]");
        for (YNode i : items) {
            Ipv4Address a = unicastAddress(i, what);
            if (a != null) out.add(a);
        }
        return out;
    }

    static String describe(YNode n) {
        return switch (n) {
            case YMap m -> "a map";
            case YList l -> "a list";
            case YScalar s when s.isNull() -> "nothing";
            case YScalar s when s.type() == Type.TEXT -> "'" + s.text() + "'";
            case YScalar s -> s.text() + " (" + typeName(s.type()) + ")";
        };
    }

    private static String typeName(Type t) {
        return switch (t) {
            case BOOLEAN -> "a boolean";
            case INTEGER -> "a number";
            case DECIMAL -> "a decimal number";
            case NULL -> "nothing";
            case TEXT -> "text";
        };
    }
}
