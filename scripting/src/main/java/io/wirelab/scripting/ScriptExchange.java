package io.wirelab.scripting;

import groovy.lang.Closure;
import io.wirelab.devices.web.HandlerResponse;
import io.wirelab.devices.web.RequestHandler;
import io.wirelab.wire.http.HttpField;
import io.wirelab.wire.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a script's handler ({@code web1.webServer.handle('/slow') { req, res -> ... }}) gets: the
 * request as {@link Request} and the answer to fill in as {@link Response}. The closure runs inside
 * the simulation when the request has arrived, so it must not wait (no lab.run, no http calls):
 * it says what to send and when (res.delay), and the server does it in virtual time.
 */
final class ScriptExchange {
    private ScriptExchange() {}

    /** A closure (req, res) or (req) as a RequestHandler; a failing closure answers 500 with its message. */
    static RequestHandler handler(Closure<?> closure, LabFacade lab, String where) {
        return (request, response) -> {
            Response res = new Response(response);
            try {
                if (closure.getMaximumNumberOfParameters() >= 2) closure.call(new Request(request), res);
                else closure.call(new Request(request));
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                lab.out().println(where + ": handler failed: " + why);
                lab.out().flush();
                response.status(500).body("handler failed: " + why + "\n");
            }
        };
    }

    /** {@code req.method}, {@code req.target}, {@code req.path}, {@code req.version}, {@code req.headers}, {@code req.header(name)}, {@code req.body}. */
    public static final class Request {
        private final HttpRequest r;

        Request(HttpRequest r) { this.r = r; }

        public String getMethod() { return r.method(); }
        public String getTarget() { return r.target(); }
        public String getPath() {
            String t = r.target();
            int q = t.indexOf('?');
            return q < 0 ? t : t.substring(0, q);
        }
        public String getVersion() { return r.version().toString(); }
        public Map<String, String> getHeaders() {
            Map<String, String> m = new LinkedHashMap<>();
            for (HttpField f : r.headers().fields()) m.merge(f.name(), f.value(), (a, b) -> a + ", " + b);
            return Collections.unmodifiableMap(m);
        }
        public String header(String name) { return r.headers().get(name); }
        public String getBody() { return new String(r.body(), StandardCharsets.UTF_8); }

        @Override public String toString() { return r.method() + " " + r.target() + " " + r.version(); }
    }

    /**
     * {@code res.status = 503}, {@code res.header('Retry-After', '1')}, {@code res.body = 'text'}, and the
     * misbehaviours: {@code res.delay(200.ms)}, {@code res.contentLength(2000)}, {@code res.closeAfter(500)},
     * {@code res.reset()}, {@code res.close()}, {@code res.pace(1000, 50.ms)}, {@code res.framing('close')},
     * {@code res.http10()}.
     */
    public static final class Response {
        private final HandlerResponse r;

        Response(HandlerResponse r) { this.r = r; }

        public void setStatus(int code) { r.status(code); }
        public int getStatus() { return r.status(); }
        public Response status(int code) { r.status(code); return this; }
        public Response header(String name, Object value) { r.header(name, String.valueOf(value)); return this; }
        public void setBody(Object body) { r.body(String.valueOf(body)); }
        public Response body(Object body) { r.body(String.valueOf(body)); return this; }
        public Response delay(VirtualDuration d) { r.delay(nonNegative("delay", d)); return this; }
        public Response contentLength(long n) { r.contentLength(bytes("contentLength", n)); return this; }
        public Response closeAfter(long n) { r.closeAfter(bytes("closeAfter", n)); return this; }
        public Response reset() { r.reset(); return this; }
        public Response close() { r.close(); return this; }
        public Response pace(int size, VirtualDuration pause) {
            if (size < 1) throw new IllegalArgumentException("res.pace: the piece size must be at least 1 byte, got " + size);
            r.pace(size, nonNegative("pace", pause));
            return this;
        }
        public Response framing(String f) {
            if (!io.wirelab.devices.web.ServerFault.FRAMINGS.contains(f))
                throw new IllegalArgumentException("res.framing: one of " + io.wirelab.devices.web.ServerFault.FRAMINGS + ", not '" + f + "'");
            r.framing(f);
            return this;
        }
        public Response http10() { r.http10(); return this; }

        private static long nonNegative(String what, VirtualDuration d) {
            if (d == null || d.nanos() < 0) throw new IllegalArgumentException("res." + what + ": expected a duration like 200.ms, got " + d);
            return d.nanos();
        }

        private static long bytes(String what, long n) {
            if (n < 0) throw new IllegalArgumentException("res." + what + ": expected a byte count >= 0, got " + n);
            return n;
        }
    }
}
