package io.wirelab.wire.http;

/**
 * The Keep-Alive header parameters (RFC 2068 §19.7.1.1; not in RFC 9112 but sent by HTTP/1.0
 * peers): "timeout=5, max=100". -1 marks an absent parameter.
 */
public record KeepAlive(int timeoutSeconds, int max) {
    public static final KeepAlive NONE = new KeepAlive(-1, -1);

    /** Parses the value leniently: unknown parameters and malformed numbers are ignored. */
    public static KeepAlive parse(String value) {
        if (value == null) return NONE;
        int timeout = -1, max = -1;
        for (String element : HttpSyntax.listElements(value)) {
            int eq = element.indexOf('=');
            if (eq < 0) continue;
            String key = element.substring(0, eq).strip();
            int n = parseNonNegative(element.substring(eq + 1).strip());
            if (key.equalsIgnoreCase("timeout")) timeout = n;
            else if (key.equalsIgnoreCase("max")) max = n;
        }
        return new KeepAlive(timeout, max);
    }

    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder();
        if (timeoutSeconds >= 0) sb.append("timeout=").append(timeoutSeconds);
        if (max >= 0) sb.append(sb.isEmpty() ? "" : ", ").append("max=").append(max);
        return sb.toString();
    }

    private static int parseNonNegative(String s) {
        if (s.isEmpty() || s.length() > 9) return -1;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        return Integer.parseInt(s);
    }
}
