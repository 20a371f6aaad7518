package io.wirelab.wire.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental HTTP/1.1 message parser (RFC 9112). Feed it any slices of a byte stream; complete
 * messages queue up for poll(). The first framing error stops the parser and is kept in error();
 * messages completed before it stay available (so a server can answer earlier pipelined requests).
 * Never throws on hostile input.
 */
public final class HttpParser {
    private enum Kind { REQUEST, RESPONSE }

    private enum State { START, FIELDS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, BODY_UNTIL_CLOSE, ERROR, CLOSED }

    private final Kind kind;
    private final HttpLimits limits;
    private final ArrayDeque<HttpMessage> ready = new ArrayDeque<>();
    private final ArrayDeque<String> expectedMethods = new ArrayDeque<>();

    private byte[] buf = NO_BYTES;                // the first feed() sizes it (a parser per connection)
    private int rd;
    private int wr;
    private int scan;
    private State state = State.START;
    private HttpParseError error = HttpParseError.NONE;
    private long messagesParsed;
    private long interimResponses;

    private String method;
    private String target;
    private String reason;
    private int status;
    private HttpVersion version;
    private List<HttpField> fields = new ArrayList<>();
    private List<HttpField> trailers = new ArrayList<>();
    private HttpHeaders header;                  // the fields once the header section ended (decideBody)
    private int sectionBytes;
    private static final byte[] NO_BYTES = new byte[0];
    private byte[] body = NO_BYTES;
    private int bodyLength;
    private long remaining;
    private long declaredLength = -1;

    private HttpParser(Kind kind, HttpLimits limits) {
        this.kind = kind;
        this.limits = limits;
    }

    public static HttpParser forRequests(HttpLimits limits) { return new HttpParser(Kind.REQUEST, limits); }
    public static HttpParser forResponses(HttpLimits limits) { return new HttpParser(Kind.RESPONSE, limits); }

    /** Response parsers need the request method to frame the body (HEAD: none, RFC 9112 §6.3 item 1). */
    public void expectResponseTo(String requestMethod) { expectedMethods.add(requestMethod); }

    public void feed(byte[] b, int off, int len) {
        if (state == State.ERROR || state == State.CLOSED || len <= 0) return;
        if (wr + len > buf.length) {
            int live = wr - rd;
            if (live + len <= buf.length && rd > 0) {
                System.arraycopy(buf, rd, buf, 0, live);
            } else {
                byte[] n = new byte[Math.max(buf.length * 2, live + len)];
                System.arraycopy(buf, rd, n, 0, live);
                buf = n;
            }
            scan -= rd;
            wr = live;
            rd = 0;
        }
        System.arraycopy(b, off, buf, wr, len);
        wr += len;
        advance();
    }

    public void feed(byte[] b) { feed(b, 0, b.length); }

    /** The peer closed its side (EOF). Completes a read-until-close body or records a truncation. */
    public void finish() {
        switch (state) {
            case BODY_UNTIL_CLOSE -> { complete(); state = State.CLOSED; }
            case START -> {
                if (rd == wr || onlyBlankLines()) state = State.CLOSED;
                else fail(HttpParseError.TRUNCATED_HEADER);
            }
            case FIELDS -> fail(HttpParseError.TRUNCATED_HEADER);
            case BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS -> fail(HttpParseError.TRUNCATED_BODY);
            case ERROR, CLOSED -> { }
        }
    }

    /** The next complete message, or null. */
    public HttpMessage poll() { return ready.poll(); }

    public int readyCount() { return ready.size(); }

    public HttpParseError error() { return error; }

    public boolean failed() { return state == State.ERROR; }

    /** True when no message is partially received (nothing buffered beyond complete messages). */
    public boolean idle() { return state == State.START && rd == wr; }

    /** True after finish() or an error: nothing more will be parsed. */
    public boolean closed() { return state == State.CLOSED || state == State.ERROR; }

    /** True once the message in progress has its whole header section (its body may be coming). */
    public boolean inBody() { return state != State.START && state != State.FIELDS && state != State.ERROR && state != State.CLOSED; }

    /** Content-Length of the message in progress (or the truncated one), -1 if none. */
    public long declaredLength() { return declaredLength; }

    /** Body bytes received so far for the message in progress (or the truncated one). */
    public long bodyBytesReceived() { return bodyLength; }

    public long messagesParsed() { return messagesParsed; }

    /** 1xx responses skipped (RFC 9110 §15.2: a client must be able to parse and ignore them). */
    public long interimResponses() { return interimResponses; }

    private void advance() {
        while (true) {
            switch (state) {
                case START -> {
                    String line = nextLine(limits.maxStartLine(), null);
                    if (line == null) return;
                    if (line.isEmpty()) continue;                 // RFC 9112 §2.2: ignore CRLF before the start line
                    if (kind == Kind.REQUEST ? !parseRequestLine(line) : !parseStatusLine(line)) return;
                    sectionBytes = 0;
                    state = State.FIELDS;
                }
                case FIELDS, TRAILERS -> {
                    int left = limits.maxHeaderSection() - sectionBytes;
                    int before = rd;
                    String line = nextLine(Math.max(left, 0), HttpParseError.HEADER_SECTION_TOO_LARGE);
                    if (line == null) return;
                    sectionBytes += rd - before;
                    List<HttpField> target = state == State.FIELDS ? fields : trailers;
                    if (line.isEmpty()) {
                        if (state == State.FIELDS) { if (!decideBody()) return; }
                        else complete();
                        continue;
                    }
                    if (!addField(target, line)) return;
                }
                case BODY_LENGTH, CHUNK_DATA, BODY_UNTIL_CLOSE -> {
                    int avail = wr - rd;
                    if (avail == 0) return;
                    int take = state == State.BODY_UNTIL_CLOSE ? avail : (int) Math.min(remaining, avail);
                    if (state == State.BODY_UNTIL_CLOSE && bodyLength + (long) take > limits.maxBody()) {
                        fail(HttpParseError.BODY_TOO_LARGE);
                        return;
                    }
                    appendBody(take);
                    if (state == State.BODY_UNTIL_CLOSE) return;
                    remaining -= take;
                    if (remaining == 0) {
                        if (state == State.BODY_LENGTH) complete();
                        else state = State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_SIZE -> {
                    String line = nextLine(limits.maxChunkLine(), HttpParseError.CHUNK_LINE_TOO_LONG);
                    if (line == null) return;
                    if (!parseChunkSize(line)) return;
                }
                case CHUNK_DATA_END -> {                           // RFC 9112 §7.1: chunk-data CRLF
                    if (wr - rd < 1) return;
                    if (buf[rd] == '\n') { rd++; scan = rd; state = State.CHUNK_SIZE; continue; }
                    if (buf[rd] != '\r') { fail(HttpParseError.BAD_CHUNK_END); return; }
                    if (wr - rd < 2) return;
                    if (buf[rd + 1] != '\n') { fail(HttpParseError.BAD_CHUNK_END); return; }
                    rd += 2;
                    scan = rd;
                    state = State.CHUNK_SIZE;
                }
                case ERROR, CLOSED -> { return; }
            }
        }
    }

    /**
     * The next line without its terminator, or null when incomplete (or on error). A line longer
     * than limit fails with tooLong (null: the start-line decision). RFC 9112 §2.2: LF alone is
     * accepted as a terminator; a CR not followed by LF is rejected.
     */
    private String nextLine(int limit, HttpParseError tooLong) {
        int lf = -1;
        for (int i = scan; i < wr; i++) if (buf[i] == '\n') { lf = i; break; }
        if (lf < 0) {
            scan = wr;
            if (wr - rd > limit + 1) failTooLong(tooLong);
            return null;
        }
        int end = lf > rd && buf[lf - 1] == '\r' ? lf - 1 : lf;
        if (end - rd > limit) { failTooLong(tooLong); return null; }
        for (int i = rd; i < end; i++) if (buf[i] == '\r') { fail(HttpParseError.BARE_CR); return null; }
        String line = new String(buf, rd, end - rd, StandardCharsets.ISO_8859_1);
        rd = lf + 1;
        scan = rd;
        return line;
    }

    private void failTooLong(HttpParseError tooLong) {
        if (tooLong != null) { fail(tooLong); return; }
        if (kind == Kind.RESPONSE) { fail(HttpParseError.BAD_STATUS_LINE); return; }
        boolean methodEnded = false;
        for (int i = rd; i < wr && i < rd + 64; i++) if (buf[i] == ' ') { methodEnded = true; break; }
        fail(methodEnded ? HttpParseError.REQUEST_TARGET_TOO_LONG : HttpParseError.BAD_REQUEST_LINE);  // RFC 9112 §3
    }

    private boolean onlyBlankLines() {
        for (int i = rd; i < wr; i++) if (buf[i] != '\r' && buf[i] != '\n') return false;
        return true;
    }

    // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
    private boolean parseRequestLine(String line) {
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0) return fail(HttpParseError.BAD_REQUEST_LINE);
        String m = line.substring(0, sp1);
        String t = line.substring(sp1 + 1, sp2);
        if (!HttpSyntax.isToken(m)) return fail(HttpParseError.BAD_REQUEST_LINE);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= 0x20 || c >= 0x7f) return fail(HttpParseError.BAD_REQUEST_LINE);
        }
        HttpVersion v = HttpVersion.parse(line.substring(sp2 + 1));
        if (v == null) return fail(HttpParseError.BAD_VERSION);
        if (v.major() != 1) return fail(HttpParseError.UNSUPPORTED_VERSION);
        method = m;
        target = t;
        version = v;
        return true;
    }

    // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4); a missing final SP is tolerated
    private boolean parseStatusLine(String line) {
        if (line.length() < 12 || line.charAt(8) != ' ') return fail(HttpParseError.BAD_STATUS_LINE);
        HttpVersion v = HttpVersion.parse(line.substring(0, 8));
        if (v == null || v.major() != 1) return fail(HttpParseError.BAD_STATUS_LINE);
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') return fail(HttpParseError.BAD_STATUS_LINE);
            code = code * 10 + (c - '0');
        }
        if (code < 100) return fail(HttpParseError.BAD_STATUS_LINE);
        if (line.length() > 12 && line.charAt(12) != ' ') return fail(HttpParseError.BAD_STATUS_LINE);
        String r = line.length() > 13 ? line.substring(13) : "";
        for (int i = 0; i < r.length(); i++)
            if (!HttpSyntax.isFieldValueChar(r.charAt(i))) return fail(HttpParseError.BAD_STATUS_LINE);
        version = v;
        status = code;
        reason = r;
        return true;
    }

    // field-line = field-name ":" OWS field-value OWS (RFC 9112 §5)
    private boolean addField(List<HttpField> list, String line) {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            if (kind == Kind.REQUEST || list.isEmpty()) return fail(HttpParseError.OBS_FOLD);   // RFC 9112 §5.2
            HttpField prev = list.removeLast();                                                  // RFC 9112 §5.2: replace with SP
            String joined = (prev.value() + " " + line.strip()).strip();
            if (!validValue(joined)) return fail(HttpParseError.BAD_FIELD_VALUE);
            list.add(new HttpField(prev.name(), joined));
            return true;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) return fail(HttpParseError.BAD_FIELD_LINE);
        String name = line.substring(0, colon);
        char last = name.charAt(name.length() - 1);
        if (last == ' ' || last == '\t') return fail(HttpParseError.WHITESPACE_BEFORE_COLON);    // RFC 9112 §5.1
        if (!HttpSyntax.isToken(name)) return fail(HttpParseError.BAD_FIELD_LINE);
        String value = stripOws(line.substring(colon + 1));
        if (!validValue(value)) return fail(HttpParseError.BAD_FIELD_VALUE);
        if (fields.size() + trailers.size() >= limits.maxFields()) return fail(HttpParseError.TOO_MANY_FIELDS);
        list.add(new HttpField(name, value));
        return true;
    }

    private static boolean validValue(String v) {
        for (int i = 0; i < v.length(); i++) if (!HttpSyntax.isFieldValueChar(v.charAt(i))) return false;
        return true;
    }

    private static String stripOws(String s) {
        int a = 0, b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) b--;
        return s.substring(a, b);
    }

    /** Message body length, RFC 9112 §6.3, in its order. */
    private boolean decideBody() {
        HttpHeaders h = HttpHeaders.of(fields);
        header = h;
        declaredLength = -1;
        if (kind == Kind.REQUEST) {
            int hosts = 0;
            for (HttpField f : fields) if (f.name().equalsIgnoreCase("Host")) hosts++;
            if (hosts > 1) return fail(HttpParseError.DUPLICATE_HOST);                         // RFC 9112 §3.2
            if (hosts == 0 && version.atLeast11()) return fail(HttpParseError.MISSING_HOST);   // RFC 9112 §3.2
        } else {
            String m = expectedMethods.isEmpty() ? "GET" : expectedMethods.peek();
            if (status >= 100 && status < 200 && status != 101) {                           // RFC 9110 §15.2: interim
                interimResponses++;
                resetMessage();
                return true;
            }
            if (m.equals("HEAD") || HttpStatus.forbidsBody(status)) {                        // §6.3 item 1
                complete();
                return true;
            }
            if (m.equals("CONNECT") && status / 100 == 2) {                                  // §6.3 item 2: a tunnel follows
                complete();
                return true;
            }
        }
        boolean hasTe = h.contains("Transfer-Encoding");
        boolean hasCl = h.contains("Content-Length");
        if (hasTe) {
            if (!version.atLeast11()) return fail(HttpParseError.TRANSFER_ENCODING_IN_HTTP_1_0);   // RFC 9112 §6.1
            List<String> codings = h.listValues("Transfer-Encoding");
            boolean chunkedLast = !codings.isEmpty() && codings.getLast().equalsIgnoreCase("chunked");
            if (kind == Kind.REQUEST) {
                if (hasCl) return fail(HttpParseError.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);      // RFC 9112 §6.1
                for (String c : codings) if (!c.equalsIgnoreCase("chunked")) return fail(HttpParseError.UNKNOWN_TRANSFER_CODING);
                if (codings.size() != 1) return fail(HttpParseError.CHUNKED_NOT_FINAL);            // chunked at most once
            }
            if (chunkedLast) { state = State.CHUNK_SIZE; return true; }                       // §6.3 item 3
            state = State.BODY_UNTIL_CLOSE;                                                  // §6.3 item 3, response
            return true;
        }
        if (hasCl) {
            long n = contentLength(h);
            if (n < 0) return fail(HttpParseError.BAD_CONTENT_LENGTH);                          // §6.3 item 5
            if (n > limits.maxBody()) return fail(HttpParseError.BODY_TOO_LARGE);
            declaredLength = n;
            if (n == 0) { complete(); return true; }
            remaining = n;
            state = State.BODY_LENGTH;                                                       // §6.3 item 6
            return true;
        }
        if (kind == Kind.REQUEST) { complete(); return true; }                                // §6.3 item 7
        state = State.BODY_UNTIL_CLOSE;                                                      // §6.3 item 8
        return true;
    }

    /** Content-Length = 1*DIGIT; identical repeated values are one value (RFC 9110 §8.6). -1: invalid. */
    private static long contentLength(HttpHeaders h) {
        long value = -1;
        for (String line : h.getAll("Content-Length")) {
            String[] parts = line.split(",", -1);
            for (String p : parts) {
                String s = p.strip();
                if (s.isEmpty() || s.length() > 18) return -1;
                for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
                long n = Long.parseLong(s);
                if (value >= 0 && n != value) return -1;
                value = n;
            }
        }
        return value;
    }

    // chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1); extensions are ignored (§7.1.1)
    private boolean parseChunkSize(String line) {
        int end = 0;
        long size = 0;
        while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
            if (end >= 15) return fail(HttpParseError.BAD_CHUNK_SIZE);
            size = size * 16 + Character.digit(line.charAt(end), 16);
            end++;
        }
        if (end == 0) return fail(HttpParseError.BAD_CHUNK_SIZE);
        String rest = stripOws(line.substring(end));
        if (!rest.isEmpty() && rest.charAt(0) != ';') return fail(HttpParseError.BAD_CHUNK_SIZE);
        if (bodyLength + size > limits.maxBody()) return fail(HttpParseError.BODY_TOO_LARGE);
        if (size == 0) {
            trailers = new ArrayList<>();
            state = State.TRAILERS;                                                          // §7.1.2 trailer section
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return true;
    }

    private void appendBody(int n) {
        if (bodyLength + n > body.length) body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        System.arraycopy(buf, rd, body, bodyLength, n);
        bodyLength += n;
        rd += n;
        scan = rd;
    }

    private void complete() {
        HttpHeaders h = header != null ? header : HttpHeaders.of(fields);
        HttpHeaders t = trailers.isEmpty() ? HttpHeaders.EMPTY : HttpHeaders.of(trailers);
        byte[] b = bodyLength == 0 ? NO_BYTES : Arrays.copyOf(body, bodyLength);
        if (kind == Kind.REQUEST) {
            ready.add(new HttpRequest(method, target, version, h, b, t));
        } else {
            if (!expectedMethods.isEmpty()) expectedMethods.poll();
            ready.add(new HttpResponse(version, status, reason, h, b, t));
        }
        messagesParsed++;
        resetMessage();
    }

    private void resetMessage() {
        fields.clear();                          // complete() copied them
        trailers.clear();
        header = null;
        body = NO_BYTES;
        bodyLength = 0;
        declaredLength = -1;
        remaining = 0;
        status = 0;
        state = State.START;
    }

    private boolean fail(HttpParseError e) {
        error = e;
        state = State.ERROR;
        return false;
    }
}
