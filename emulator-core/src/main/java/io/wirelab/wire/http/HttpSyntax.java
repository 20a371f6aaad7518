package io.wirelab.wire.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Character classes and list syntax shared by the parser and the header model. */
public final class HttpSyntax {
    private HttpSyntax() {}

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) TCHAR[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** tchar (RFC 9110 §5.6.2). */
    public static boolean isTokenChar(int c) { return c >= 0 && c < 128 && TCHAR[c]; }

    public static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isTokenChar(s.charAt(i))) return false;
        return true;
    }

    /** field-vchar / SP / HTAB / obs-text (RFC 9110 §5.5); CR, LF, NUL and other CTLs are not allowed. */
    public static boolean isFieldValueChar(int c) {
        return c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
    }

    /** Splits a #list value on commas, trims OWS and drops empty elements (RFC 9110 §5.6.1). */
    public static List<String> listElements(String value) {
        List<String> out = new ArrayList<>();
        if (value.indexOf(',') < 0) {                                  // one element: no split
            String t = value.strip();
            if (!t.isEmpty()) out.add(t);
            return out;
        }
        for (String part : value.split(",", -1)) {
            String t = part.strip();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    public static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
