package io.wirelab.devices.web;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.ReadScratch;
import io.wirelab.devices.stream.StreamCloseReason;
import io.wirelab.devices.stream.StreamListener;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.http.HttpDate;
import io.wirelab.wire.http.HttpField;
import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParseError;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpResponse;
import io.wirelab.wire.http.HttpStatus;
import io.wirelab.wire.http.HttpVersion;
import io.wirelab.wire.http.HttpWriter;
import io.wirelab.wire.http.KeepAlive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An HTTP/1.1 origin server (RFC 9110/9112) on any byte stream: static content per virtual host,
 * GET/HEAD/POST (echo)/OPTIONS, persistent connections with Keep-Alive timeout/max, pipelined
 * requests answered in order, graceful or abrupt close. Handlers answer chosen paths in place of
 * the content; a ServerFault per site or path (or set by a handler) makes responses misbehave.
 */
public final class HttpServer {
    private static final String ALLOW = "GET, HEAD, POST, OPTIONS";

    private final Simulator sim;
    private final HttpServerConfig config;
    private final List<Site> sites = new ArrayList<>();
    private final Counters<HttpServerCounter> counts = Counters.of(HttpServerCounter.class);
    private final Counters<HttpParseError> parseErrors = Counters.prefixed(HttpParseError.class, "http.rx.error.");
    private final Counters<StreamCloseReason> closedBy = Counters.prefixed(StreamCloseReason.class, "http.conn.closed.");
    private final CounterGroup counters = new CounterGroup(counts, parseErrors, closedBy);
    /** In a real-time run the log keeps the first this many requests (a bridged server may serve millions). */
    public static final int REAL_TIME_LOG_LIMIT = 100;

    private final List<ServedRequest> log = new ArrayList<>();
    private long unlogged;
    private final Map<String, RequestHandler> handlers = new TreeMap<>();
    private long nextConnection = 1;
    private long dateSecond = Long.MIN_VALUE;
    private String dateText;
    private HttpField dateField;
    private HttpField serverField;
    private static final HttpField KEEP_ALIVE = new HttpField("Connection", "keep-alive");
    private static final HttpField CLOSE = new HttpField("Connection", "close");

    public HttpServer(Simulator sim, HttpServerConfig config) {
        this.sim = sim;
        this.config = config;
    }

    public HttpServerConfig config() { return config; }

    /** The first site added also answers requests whose Host matches no site. */
    public HttpServer addSite(Site site) { sites.add(site); return this; }

    public List<Site> sites() { return Collections.unmodifiableList(sites); }

    /** Answers path (query excluded, "/" as "/index.html") on every site with handler, before the content. */
    public HttpServer handle(String path, RequestHandler handler) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("a handler's path must start with /: " + path);
        handlers.put(path.endsWith("/") ? path + "index.html" : path, handler);
        return this;
    }

    public void listen(StreamListener transport, int port) { transport.listen(port, this::accept); }

    /** Listens on port and wraps each accepted stream first (TLS). */
    public void listen(StreamListener transport, int port, Function<ByteStream, ByteStream> wrap) {
        transport.listen(port, s -> accept(wrap.apply(s)));
    }

    /** Serves one accepted stream. */
    public void accept(ByteStream stream) {
        count(HttpServerCounter.CONN_ACCEPTED);
        new Connection(nextConnection++, stream).start();
    }

    /** Non-zero counters like "http.tx.status.200", "http.rx.error.bad_request_line", "http.conn.close.idle_timeout". */
    public SequencedMap<String, Long> counters() { return counters.snapshot(); }

    /** One counter by name; IllegalArgumentException for a name this server does not count. */
    public long counter(String name) { return counters.get(name); }

    public long counter(HttpServerCounter c) { return counts.get(c); }

    /** Every request served, in order; in a real-time run only the first REAL_TIME_LOG_LIMIT. */
    public List<ServedRequest> log() { return Collections.unmodifiableList(log); }

    /** Requests served but not in log() (only in a real-time run, past REAL_TIME_LOG_LIMIT). */
    public long unlogged() { return unlogged; }

    /** Whether the log takes the next request; past a real-time run's limit it is only counted (and no record built). */
    private boolean logsNext() {
        if (!sim.isRealTime() || log.size() < REAL_TIME_LOG_LIMIT) return true;
        unlogged++;
        return false;
    }

    private void count(HttpServerCounter c) { counts.count(c); }

    private String date() {
        long second = config.epochSeconds() + sim.now() / SimTime.SECOND;
        if (second != dateSecond) {                                                  // one formatting per second served
            dateSecond = second;
            dateText = HttpDate.format(second);
            dateField = null;
        }
        return dateText;
    }

    /** The Date and Server lines a response starts with, made once per second and once per server. */
    private HttpHeaders dateAndServer() {
        String d = date();
        if (dateField == null) dateField = new HttpField("Date", d);
        if (serverField == null) serverField = new HttpField("Server", config.serverName());
        return HttpHeaders.of(dateField, serverField);
    }

    private final class Connection {
        private final long id;
        private final ByteStream s;
        private final HttpParser parser = HttpParser.forRequests(config.limits());
        private final ArrayDeque<HttpRequest> pending = new ArrayDeque<>();
        private final ArrayDeque<ResponseShaper.Out> out = new ArrayDeque<>();
        private final Timer idleTimer;
        private final Timer lingerTimer;
        private final Timer pauseTimer;
        private int outOffset;
        private int emptyWritable;
        private boolean pausing;
        private boolean resetPending;
        private int served;
        private boolean processing;
        private boolean closing;
        private boolean closeStarted;
        private boolean draining;
        private boolean peerEof;
        private boolean done;

        Connection(long id, ByteStream s) {
            this.id = id;
            this.s = s;
            this.idleTimer = sim.newTimer(now -> onIdle());
            this.lingerTimer = sim.newTimer(now -> onLingerEnd());
            this.pauseTimer = sim.newTimer(now -> { pausing = false; out.poll(); flush(); });
        }

        void start() {
            s.onReadable(this::onReadable);
            s.onWritable(this::flush);
            s.onClosed(this::onClosed);
            emptyWritable = s.writableBytes();
            idleTimer.setDeadline(sim.now() + config.idleTimeoutNanos());
            onReadable();
        }

        private void onReadable() {
            if (done) return;
            byte[] readBuf = ReadScratch.get();                                      // the parser copies it
            while (true) {
                int n = s.read(readBuf, 0, readBuf.length);
                if (n > 0) {
                    if (draining) count(HttpServerCounter.RX_DISCARDED_BYTES);
                    else parser.feed(readBuf, 0, n);
                    continue;
                }
                if (n < 0) peerEof = true;
                break;
            }
            if (draining) {
                if (peerEof) { lingerTimer.cancel(); finish(); }      // RFC 9112 §9.6: peer closed, now close fully
                return;
            }
            for (HttpMessage m; (m = parser.poll()) != null; ) pending.add((HttpRequest) m);
            if (peerEof) parser.finish();
            idleTimer.setDeadline(sim.now() + config.idleTimeoutNanos());
            pump();
        }

        private void pump() {
            while (!processing && !closing && !done) {
                HttpRequest req = pending.poll();
                if (req == null) {
                    if (parser.failed()) {
                        HttpParseError e = parser.error();
                        parseErrors.count(e);
                        if (e.status() != 0) sendError(e.status(), e.name());
                        else startClose(HttpServerCounter.CONN_CLOSE_TRUNCATED);
                    } else if (peerEof) {
                        startClose(HttpServerCounter.CONN_CLOSE_PEER_CLOSED);
                    }
                    return;
                }
                Reply reply = reply(req);
                long wait = config.processingNanos() + reply.fault().delayNanos();
                if (wait > 0) {
                    processing = true;
                    sim.after(wait, () -> {
                        processing = false;
                        if (!done) respond(req, reply);
                        pump();
                    });
                    return;
                }
                respond(req, reply);
            }
        }

        private void respond(HttpRequest req, Reply reply) {
            count(HttpServerCounter.RX_REQUEST);
            served++;
            ServerFault fault = reply.fault();
            Set<String> tokens = req.headers().connectionTokens();
            boolean keep = req.keepAlive(tokens) && served < config.maxRequests()
                    && !(pending.isEmpty() && parser.failed());                   // RFC 9112 §9.3
            if (fault.http10() && !tokens.contains("keep-alive")) keep = false;  // RFC 2068 §19.7.1
            if (fault.closesConnection()) keep = false;
            HttpResponse resp = response(req, reply.handled());
            if (resp.status() == 411 || resp.status() == 400) keep = false;
            HttpHeaders h = resp.headers();
            if (keep) {
                h = h.set(KEEP_ALIVE);
                if (tokens.contains("keep-alive"))                                  // RFC 2068 §19.7.1.1
                    h = h.set("Keep-Alive", new KeepAlive((int) (config.idleTimeoutNanos() / SimTime.SECOND),
                            config.maxRequests() - served).toHeaderValue());
            } else {
                h = h.set(CLOSE);                                                 // RFC 9112 §9.6
            }
            resp = resp.withHeaders(h);
            if (logsNext()) log.add(new ServedRequest(id, sim.now(), req.method(), req.target(), req.version().toString(),
                    req.headers().endToEnd(), resp.status(), keep));
            count(HttpServerCounter.forSentStatus(resp.status()));
            boolean headOnly = req.method().equals("HEAD");
            if (fault.isNone()) enqueue(HttpWriter.encode(resp, headOnly));
            else {
                count(HttpServerCounter.TX_FAULT);
                out.addAll(ResponseShaper.shape(ResponseShaper.frame(resp, fault, req.version().atLeast11()), fault, headOnly,
                        fault.closesConnection()));
            }
            if (!keep) closing = true;
            flush();
        }

        private void sendError(int status, String why) {
            HttpResponse base = errorResponse(status, why);
            HttpResponse resp = base.withHeaders(base.headers().set("Connection", "close"));
            count(HttpServerCounter.forStatus(status));
            if (logsNext()) log.add(new ServedRequest(id, sim.now(), "", "", "", HttpHeaders.EMPTY, status, false));
            enqueue(HttpWriter.encode(resp));
            closing = true;
            flush();
        }

        private void enqueue(byte[] bytes) { out.add(new ResponseShaper.Piece(bytes)); }

        private void flush() {
            if (done) return;
            if (resetPending) { resetWhenAcknowledged(); return; }
            while (!out.isEmpty()) {
                switch (out.peek()) {
                    case ResponseShaper.Piece(byte[] head) -> {
                        int n = s.write(head, outOffset, head.length - outOffset);
                        if (n <= 0) return;
                        outOffset += n;
                        if (outOffset == head.length) { out.poll(); outOffset = 0; }
                    }
                    case ResponseShaper.Pause(long nanos) -> {
                        if (!pausing) { pausing = true; pauseTimer.setDeadline(sim.now() + nanos); }
                        return;
                    }
                    case ResponseShaper.End(boolean reset) -> {
                        out.clear();
                        if (reset) { resetPending = true; resetWhenAcknowledged(); }
                        else { closing = true; startClose(HttpServerCounter.CONN_CLOSE_FAULT); }
                        return;
                    }
                }
            }
            if (closing && !closeStarted) startClose(HttpServerCounter.CONN_CLOSE_SERVER_CLOSE);
        }

        /** A fault's RST, once every byte written before it is acknowledged (else the RST would discard them). */
        private void resetWhenAcknowledged() {
            if (done || s.writableBytes() < emptyWritable) return;                // onWritable comes back on each ACK
            count(HttpServerCounter.CONN_RESET_FAULT);
            closeStarted = true;
            done = true;
            idleTimer.cancel();
            lingerTimer.cancel();
            pauseTimer.cancel();
            s.abort();
        }

        private void startClose(HttpServerCounter why) {
            if (closeStarted || done) return;
            closing = true;
            if (!out.isEmpty()) return;                                           // flush() comes back here
            closeStarted = true;
            idleTimer.cancel();
            count(why);
            if (config.closeMode() == CloseMode.ABRUPT) {
                boolean unread = !pending.isEmpty() || !parser.idle() || s.readableBytes() > 0;
                if (unread) { count(HttpServerCounter.CONN_RESET_WITH_UNREAD); s.abort(); }
                else s.close();
                done = true;
                return;
            }
            s.shutdownOutput();                                                   // half close, then drain
            draining = true;
            if (peerEof) { finish(); return; }
            lingerTimer.setDeadline(sim.now() + config.lingerNanos());
        }

        private void onLingerEnd() {
            if (done) return;
            count(HttpServerCounter.CONN_LINGER_TIMEOUT);
            finish();
        }

        private void finish() {
            if (done) return;
            done = true;
            idleTimer.cancel();
            lingerTimer.cancel();
            s.close();
        }

        private void onIdle() {
            if (done || closeStarted) return;
            if (processing || !pending.isEmpty() || !out.isEmpty()) {
                idleTimer.setDeadline(sim.now() + config.idleTimeoutNanos());
                return;
            }
            startClose(parser.idle() ? HttpServerCounter.CONN_CLOSE_IDLE_TIMEOUT : HttpServerCounter.CONN_CLOSE_REQUEST_TIMEOUT);
        }

        private void onClosed(StreamCloseReason r) {
            if (r != StreamCloseReason.NORMAL) closedBy.count(r);
            done = true;
            idleTimer.cancel();
            lingerTimer.cancel();
            pauseTimer.cancel();
        }
    }

    /** A handler's answer (null: the content's) and the fault it is sent with; the response is made when it is sent (Date). */
    private record Reply(HandlerResponse handled, ServerFault fault) {}

    /** The handler's answer for the request's path, or the content's with its site's fault. */
    private Reply reply(HttpRequest req) {
        Target t = target(req);
        RequestHandler h = t.path() == null ? null : handlers.get(t.path());
        if (h != null && !req.method().equals("OPTIONS")) {
            HandlerResponse hr = new HandlerResponse();
            h.handle(req, hr);
            return new Reply(hr, hr.fault());
        }
        Site site = site(t.host());
        ServerFault fault = site == null || t.path() == null ? ServerFault.NONE : site.faultFor(t.path());
        return new Reply(null, fault);
    }

    private HttpResponse response(HttpRequest req, HandlerResponse hr) {
        if (hr == null) return handle(req);
        HttpHeaders extra = HttpHeaders.of("Content-Type", hr.contentType());
        for (var f : hr.headers().fields()) extra = extra.set(f.name(), f.value());
        return response(hr.status(), extra, hr.body());
    }

    /** Host and path of a request (absolute-form wins over Host, RFC 9112 §3.2.2); path null for a target that names none. */
    private record Target(String host, String path) {}

    private static Target target(HttpRequest req) {
        String target = req.target();
        String host = req.headers().get("Host");
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int start = target.indexOf("//") + 2;
            int slash = target.indexOf('/', start);
            host = slash < 0 ? target.substring(start) : target.substring(start, slash);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/")) return new Target(host, null);
        String path = target;
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        if (path.endsWith("/")) path = path + "index.html";
        return new Target(host, path);
    }

    /** Routing and methods (RFC 9110 §9). */
    HttpResponse handle(HttpRequest req) {
        String target = req.target();
        String host = req.headers().get("Host");
        if (target.startsWith("http://") || target.startsWith("https://")) {      // RFC 9112 §3.2.2 absolute-form
            int start = target.indexOf("//") + 2;
            int slash = target.indexOf('/', start);
            host = slash < 0 ? target.substring(start) : target.substring(start, slash);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (target.equals("*")) {
            if (req.method().equals("OPTIONS")) return response(204, HttpHeaders.of("Allow", ALLOW), new byte[0]);
            return errorResponse(400, "asterisk-form is only for OPTIONS");          // RFC 9112 §3.2.4
        }
        if (!target.startsWith("/")) return errorResponse(400, "bad request-target");
        String path = target;
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        if (path.endsWith("/")) path = path + "index.html";
        Site site = site(host);
        return switch (req.method()) {
            case "GET", "HEAD" -> {
                Resource r = site == null ? null : site.get(path);
                if (r == null) yield errorResponse(404, "no " + path + " on " + (host == null ? "this server" : host));
                HttpHeaders h = HttpHeaders.of("Content-Type", r.contentType());
                if (r.chunked() && req.version().atLeast11()) h = h.with("Transfer-Encoding", "chunked");
                yield response(200, h, r.body());
            }
            case "POST" -> {
                if (!req.headers().contains("Content-Length") && !req.headers().contains("Transfer-Encoding"))
                    yield errorResponse(411, "POST needs Content-Length");                // RFC 9110 §15.5.12
                String type = req.headers().get("Content-Type");
                yield response(200, HttpHeaders.of("Content-Type", type == null ? "application/octet-stream" : type),
                        req.body());
            }
            case "OPTIONS" -> response(204, HttpHeaders.of("Allow", ALLOW), new byte[0]);
            case "PUT", "DELETE", "PATCH", "TRACE", "CONNECT" -> {
                HttpResponse r = errorResponse(405, req.method() + " not allowed");     // RFC 9110 §15.5.6: Allow is required
                yield r.withHeaders(r.headers().with("Allow", ALLOW));
            }
            default -> errorResponse(501, "unknown method " + req.method());            // RFC 9110 §9.1
        };
    }

    private Site site(String hostHeader) {
        if (sites.isEmpty()) return null;
        if (hostHeader != null) {
            String h = hostHeader;
            if (h.startsWith("[")) h = h.substring(0, h.indexOf(']') + 1);
            else if (h.indexOf(':') >= 0) h = h.substring(0, h.indexOf(':'));
            for (int i = 0; i < sites.size(); i++) if (sites.get(i).answers(h)) return sites.get(i);
        }
        return sites.getFirst();
    }

    private HttpResponse response(int status, HttpHeaders extra, byte[] body) {
        HttpHeaders h = dateAndServer();
        for (int i = 0; i < extra.size(); i++) h = h.with(extra.field(i));
        if (!HttpStatus.forbidsBody(status)) h = HttpWriter.withContentLength(h, body.length);
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status), h,
                HttpStatus.forbidsBody(status) ? new byte[0] : body, HttpHeaders.EMPTY);
    }

    private HttpResponse errorResponse(int status, String detail) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((status + " " + HttpStatus.reason(status) + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8));
        HttpHeaders h = HttpHeaders.of("Date", date(), "Server", config.serverName(), "Content-Type", "text/plain; charset=utf-8");
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status),
                HttpWriter.withContentLength(h, b.size()), b.toByteArray(), HttpHeaders.EMPTY);
    }
}
