package io.wirelab.wire.http;

/** HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). */
public record HttpVersion(int major, int minor) {
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    public HttpVersion {
        if (major < 0 || major > 9 || minor < 0 || minor > 9)
            throw new IllegalArgumentException("HTTP version " + major + "." + minor);
    }

    /** Parses exactly "HTTP/d.d"; null when the text is not that form. */
    public static HttpVersion parse(String text) {
        if (text.length() != 8 || !text.startsWith("HTTP/") || text.charAt(6) != '.') return null;
        char ma = text.charAt(5), mi = text.charAt(7);
        if (ma < '0' || ma > '9' || mi < '0' || mi > '9') return null;
        return of(ma - '0', mi - '0');
    }

    public static HttpVersion of(int major, int minor) {
        if (major == 1 && minor == 1) return HTTP_1_1;
        if (major == 1 && minor == 0) return HTTP_1_0;
        return new HttpVersion(major, minor);
    }

    /** True for 1.1 and any higher 1.x minor version (RFC 9110 §6.2: treat as the highest minor we implement). */
    public boolean atLeast11() { return major > 1 || (major == 1 && minor >= 1); }

    @Override public String toString() { return "HTTP/" + major + "." + minor; }
}
