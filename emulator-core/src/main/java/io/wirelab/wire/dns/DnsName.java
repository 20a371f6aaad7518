package io.wirelab.wire.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain name as its labels (RFC 1035 §3.1), each a Latin-1 string so every octet survives.
 * Equality is exact; {@link #equalsIgnoreCase} and {@link #key()} give the RFC 4343 comparison.
 */
public record DnsName(List<String> labels) implements Comparable<DnsName> {
    public static final DnsName ROOT = new DnsName(List.of());
    public static final int MAX_LENGTH = 255;   // RFC 1035 §2.3.4
    public static final int MAX_LABEL = 63;     // RFC 1035 §2.3.4

    public DnsName {
        labels = List.copyOf(labels);
        int wire = 1;
        for (String l : labels) {
            int n = l.getBytes(StandardCharsets.ISO_8859_1).length;
            if (n == 0 || n > MAX_LABEL) throw new IllegalArgumentException("label '" + l + "' must be 1..63 octets");
            wire += 1 + n;
        }
        if (wire > MAX_LENGTH) throw new IllegalArgumentException("name longer than 255 octets");
    }

    /** "www.lab.test" or "www.lab.test."; "" and "." are the root. */
    public static DnsName of(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty()) return ROOT;
        return new DnsName(List.of(t.split("\\.", -1)));
    }

    public int wireLength() {
        int n = 1;
        for (String l : labels) n += 1 + l.length();
        return n;
    }

    public boolean isRoot() { return labels.isEmpty(); }

    /** ASCII-lowercased name for case-insensitive lookups (RFC 4343 §3). */
    public DnsName lower() {
        List<String> out = new ArrayList<>(labels.size());
        for (String l : labels) out.add(asciiLower(l));
        return new DnsName(out);
    }

    public String key() { return asciiLower(toString()); }

    public boolean equalsIgnoreCase(DnsName o) { return key().equals(o.key()); }

    /** True when this name equals zone or lies below it, ignoring case. */
    public boolean isSubdomainOf(DnsName zone) {
        int k = labels.size() - zone.labels.size();
        if (k < 0) return false;
        for (int i = 0; i < zone.labels.size(); i++)
            if (!asciiLower(labels.get(k + i)).equals(asciiLower(zone.labels.get(i)))) return false;
        return true;
    }

    public DnsName parent() { return isRoot() ? this : new DnsName(labels.subList(1, labels.size())); }

    /** This name with suffix appended ("www" + "lab.test"). */
    public DnsName append(DnsName suffix) {
        List<String> out = new ArrayList<>(labels);
        out.addAll(suffix.labels);
        return new DnsName(out);
    }

    static String asciiLower(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) sb = new StringBuilder(s);
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    @Override public int compareTo(DnsName o) { return key().compareTo(o.key()); }

    @Override public String toString() { return isRoot() ? "." : String.join(".", labels); }
}
