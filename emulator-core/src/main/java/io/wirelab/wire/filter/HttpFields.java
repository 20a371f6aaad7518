package io.wirelab.wire.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP/1.x fields of a TCP segment that starts a request or a response (RFC 9112 §3, §4): start line and header fields. */
final class HttpFields {
    private HttpFields() {}

    private static final Pattern REQUEST = Pattern.compile("([A-Z]{3,10}) (\\S+) (HTTP/1\\.[01])");
    private static final Pattern RESPONSE = Pattern.compile("(HTTP/1\\.[01]) ([1-5][0-9][0-9])(?: (.*))?");
    private static final int MAX_HEAD = 16 * 1024;

    /** Decodes the segment's payload when it opens an HTTP message; returns whether it did. pending: {frame, nanos} of open requests. */
    static boolean decode(DecodedFrame f, byte[] b, int off, int len, ArrayDeque<long[]> pending, long timeNanos) {
        int n = Math.min(len, MAX_HEAD);
        if (n < 8) return false;
        String head = new String(b, off, n, StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        if (eol < 0) return false;
        String start = head.substring(0, eol);
        Matcher req = REQUEST.matcher(start), res = RESPONSE.matcher(start);
        if (req.matches()) {
            f.present("http");
            f.present("http.request");
            f.put("http.request.method", req.group(1));
            f.put("http.request.uri", req.group(2));
            f.put("http.request.version", req.group(3));
            f.put("http.request.line", start);
            pending.addLast(new long[] {f.number(), timeNanos});
        } else if (res.matches()) {
            f.present("http");
            f.present("http.response");
            f.put("http.response.version", res.group(1));
            f.put("http.response.code", Long.parseLong(res.group(2)));
            f.put("http.response.phrase", res.group(3) == null ? "" : res.group(3));
            f.put("http.response.line", start);
            if (!res.group(2).startsWith("1")) {   // interim 1xx responses do not answer the request (RFC 9110 §15.2)
                long[] request = pending.pollFirst();
                if (request != null) {
                    f.put("http.request_in", request[0]);
                    f.put("http.time", FrameDecoder.seconds(timeNanos - request[1]));
                }
            }
        } else {
            return false;
        }
        int end = head.indexOf("\r\n\r\n");
        String[] lines = head.substring(eol + 2, end < 0 ? head.length() : end).split("\r\n");
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                case "host" -> f.put("http.host", value);
                case "user-agent" -> f.put("http.user_agent", value);
                case "server" -> f.put("http.server", value);
                case "content-type" -> f.put("http.content_type", value);
                case "connection" -> f.put("http.connection", value);
                case "location" -> f.put("http.location", value);
                case "content-length" -> {
                    if (value.matches("[0-9]{1,18}")) f.put("http.content_length", Long.parseLong(value));
                }
                default -> { }
            }
        }
        return true;
    }
}
