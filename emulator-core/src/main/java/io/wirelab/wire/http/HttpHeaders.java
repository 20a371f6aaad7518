package io.wirelab.wire.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered, immutable field section. Names compare case-insensitively (RFC 9110 §5.1); order and
 * spelling are kept so a message round-trips byte for byte.
 */
public final class HttpHeaders {
    /** Hop-by-hop fields a proxy never forwards (RFC 9110 §7.6.1, plus Keep-Alive/Proxy-Connection of RFC 2068). */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "te", "transfer-encoding", "upgrade", "trailer");

    public static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<HttpField> fields;

    private HttpHeaders(List<HttpField> fields) { this.fields = fields; }

    public static HttpHeaders of(List<HttpField> fields) { return new HttpHeaders(List.copyOf(fields)); }

    /** of("Host", "a", "Accept", "x/y") */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("odd number of strings");
        HttpField[] a = new HttpField[namesAndValues.length / 2];
        for (int i = 0; i < a.length; i++) a[i] = new HttpField(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        return over(a);
    }

    /** Headers over a that nothing else holds (no copy). */
    private static HttpHeaders over(HttpField[] a) { return new HttpHeaders(Collections.unmodifiableList(Arrays.asList(a))); }

    public List<HttpField> fields() { return fields; }
    public int size() { return fields.size(); }
    public boolean isEmpty() { return fields.isEmpty(); }

    /** First value of the named field, or null. */
    public String get(String name) {
        for (HttpField f : fields) if (f.name().equalsIgnoreCase(name)) return f.value();
        return null;
    }

    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>();
        for (HttpField f : fields) if (f.name().equalsIgnoreCase(name)) out.add(f.value());
        return out;
    }

    public boolean contains(String name) { return get(name) != null; }

    /** All #list elements of every line of the named field, in order (RFC 9110 §5.3: lines combine with commas). */
    public List<String> listValues(String name) {
        List<String> out = new ArrayList<>();
        for (HttpField f : fields) if (f.name().equalsIgnoreCase(name)) out.addAll(HttpSyntax.listElements(f.value()));
        return out;
    }

    /** Connection options, lower-cased (RFC 9110 §7.6.1). */
    public Set<String> connectionTokens() {
        Set<String> out = null;
        for (HttpField f : fields) {
            if (!f.name().equalsIgnoreCase("Connection")) continue;
            if (out == null) out = new LinkedHashSet<>();
            for (String t : HttpSyntax.listElements(f.value())) out.add(HttpSyntax.lower(t));
        }
        return out == null ? Set.of() : out;
    }

    /** True when a comma-separated field carries the token, case-insensitively. */
    public boolean hasToken(String name, String token) {
        for (String t : listValues(name)) if (t.equalsIgnoreCase(token)) return true;
        return false;
    }

    public HttpHeaders with(String name, String value) {
        HttpField[] a = fields.toArray(new HttpField[fields.size() + 1]);
        a[a.length - 1] = new HttpField(name, value);
        return over(a);
    }

    /** Replaces every line of the named field by one line (appended at the end when absent). */
    public HttpHeaders set(String name, String value) {
        int lines = 0;
        for (HttpField f : fields) if (f.name().equalsIgnoreCase(name)) lines++;
        if (lines == 0) return with(name, value);
        HttpField[] a = new HttpField[fields.size() - lines + 1];
        int n = 0;
        for (HttpField f : fields) {
            if (!f.name().equalsIgnoreCase(name)) a[n++] = f;
            else if (lines > 0) { a[n++] = new HttpField(f.name(), value); lines = 0; }
        }
        return over(a);
    }

    public HttpHeaders without(String name) {
        List<HttpField> list = new ArrayList<>();
        for (HttpField f : fields) if (!f.name().equalsIgnoreCase(name)) list.add(f);
        return new HttpHeaders(Collections.unmodifiableList(list));
    }

    /** The end-to-end fields: drops the standard hop-by-hop fields and every field named in Connection (RFC 9110 §7.6.1). */
    public HttpHeaders endToEnd() {
        Set<String> drop = connectionTokens();
        List<HttpField> list = new ArrayList<>();
        for (HttpField f : fields) {
            String n = HttpSyntax.lower(f.name());
            if (!HOP_BY_HOP.contains(n) && !drop.contains(n)) list.add(f);
        }
        return new HttpHeaders(Collections.unmodifiableList(list));
    }

    @Override public boolean equals(Object o) { return o instanceof HttpHeaders h && h.fields.equals(fields); }
    @Override public int hashCode() { return fields.hashCode(); }
    @Override public String toString() { return fields.toString(); }
}
