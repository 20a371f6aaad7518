package io.wirelab.wire.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered, immutable field section. Names compare case-insensitively (RFC 9110 §5.1); order and
 * spelling are kept so a message round-trips byte for byte.
 */
public final class HttpHeaders {
    /** Hop-by-hop fields a proxy never forwards (RFC 9110 §7.6.1, plus Keep-Alive/Proxy-Connection of RFC 2068). */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "te", "transfer-encoding", "upgrade", "trailer");

    public static final HttpHeaders EMPTY = new HttpHeaders(new HttpField[0]);

    // the loops here walk the array: an iterator is an allocation per loop where the JIT (C1) does not remove it
    private final HttpField[] lines;
    private final List<HttpField> fields;

    private HttpHeaders(HttpField[] lines) {
        this.lines = lines;
        this.fields = Collections.unmodifiableList(Arrays.asList(lines));
    }

    public static HttpHeaders of(List<HttpField> fields) { return withoutNulls(fields.toArray(new HttpField[0])); }

    /** of("Host", "a", "Accept", "x/y") */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("odd number of strings");
        HttpField[] a = new HttpField[namesAndValues.length / 2];
        for (int i = 0; i < a.length; i++) a[i] = new HttpField(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        return new HttpHeaders(a);
    }

    /** Headers over a, which nothing else holds (no copy), once no line of it is null. */
    private static HttpHeaders withoutNulls(HttpField[] a) {
        for (HttpField f : a) Objects.requireNonNull(f);
        return new HttpHeaders(a);
    }

    public List<HttpField> fields() { return fields; }
    public int size() { return lines.length; }
    public boolean isEmpty() { return lines.length == 0; }

    /** The i-th field line. */
    public HttpField field(int i) { return lines[i]; }

    /** First value of the named field, or null. */
    public String get(String name) {
        for (HttpField f : lines) if (f.name().equalsIgnoreCase(name)) return f.value();
        return null;
    }

    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>();
        for (HttpField f : lines) if (f.name().equalsIgnoreCase(name)) out.add(f.value());
        return out;
    }

    public boolean contains(String name) { return get(name) != null; }

    /** All #list elements of every line of the named field, in order (RFC 9110 §5.3: lines combine with commas). */
    public List<String> listValues(String name) {
        List<String> out = new ArrayList<>();
        for (HttpField f : lines) if (f.name().equalsIgnoreCase(name)) out.addAll(HttpSyntax.listElements(f.value()));
        return out;
    }

    /** Connection options, lower-cased (RFC 9110 §7.6.1). */
    public Set<String> connectionTokens() {
        Set<String> out = null;
        for (HttpField f : lines) {
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

    /** of(...) over fields already made. */
    public static HttpHeaders of(HttpField... fields) { return withoutNulls(fields.clone()); }

    public HttpHeaders with(String name, String value) { return with(new HttpField(name, value)); }

    public HttpHeaders with(HttpField field) {
        HttpField[] a = Arrays.copyOf(lines, lines.length + 1);
        a[a.length - 1] = Objects.requireNonNull(field);
        return new HttpHeaders(a);
    }

    /** Replaces every line of the named field by one line (appended at the end when absent). */
    public HttpHeaders set(String name, String value) { return set(name, value, null); }

    /** set(field.name(), field.value()), with field itself as the line when the name is spelt the same. */
    public HttpHeaders set(HttpField field) { return set(field.name(), field.value(), field); }

    private HttpHeaders set(String name, String value, HttpField ready) {
        int matches = 0;
        for (HttpField f : lines) if (f.name().equalsIgnoreCase(name)) matches++;
        if (matches == 0) return with(ready != null ? ready : new HttpField(name, value));
        HttpField[] a = new HttpField[lines.length - matches + 1];
        int n = 0;
        for (HttpField f : lines) {
            if (!f.name().equalsIgnoreCase(name)) a[n++] = f;
            else if (matches > 0) {
                a[n++] = ready != null && ready.name().equals(f.name()) ? ready : new HttpField(f.name(), value);
                matches = 0;
            }
        }
        return new HttpHeaders(a);
    }

    public HttpHeaders without(String name) {
        List<HttpField> list = new ArrayList<>();
        for (HttpField f : lines) if (!f.name().equalsIgnoreCase(name)) list.add(f);
        return new HttpHeaders(list.toArray(new HttpField[0]));
    }

    /** The end-to-end fields: drops the standard hop-by-hop fields and every field named in Connection (RFC 9110 §7.6.1). */
    public HttpHeaders endToEnd() {
        Set<String> drop = connectionTokens();
        List<HttpField> list = new ArrayList<>();
        for (HttpField f : lines) {
            String n = HttpSyntax.lower(f.name());
            if (!HOP_BY_HOP.contains(n) && !drop.contains(n)) list.add(f);
        }
        return new HttpHeaders(list.toArray(new HttpField[0]));
    }

    @Override public boolean equals(Object o) { return o instanceof HttpHeaders h && Arrays.equals(h.lines, lines); }
    @Override public int hashCode() { return fields.hashCode(); }
    @Override public String toString() { return fields.toString(); }
}
