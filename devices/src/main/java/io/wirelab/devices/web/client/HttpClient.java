package io.wirelab.devices.web.client;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.ReadScratch;
import io.wirelab.devices.stream.StreamCloseReason;
import io.wirelab.devices.stream.StreamConnector;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParseError;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpResponse;
import io.wirelab.wire.http.HttpVersion;
import io.wirelab.wire.http.HttpWriter;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP/1.1 client: URL -> DNS -> TCP -> (TLS) -> request -> response under a
 * connection policy, with a timing breakdown per request. With a proxy (HttpClientConfig.proxy),
 * http requests go to it in absolute form over one pool of connections, https ones through a
 * CONNECT tunnel per origin.
 */
public final class HttpClient {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private final Simulator sim;
    private final StreamConnector transport;
    private final NameResolver resolver;
    private final StreamWrapper tls;
    private final HttpClientConfig config;
    /** How long a connection the client ended waits for the server's FIN before closing anyway. */
    static final long LINGER_NANOS = 2_000_000_000L;
    private final Map<String, Origin> origins = new TreeMap<>();
    private long nextConnection = 1;
    private long connectionsOpened;
    private long retries;

    public HttpClient(Simulator sim, StreamConnector transport, NameResolver resolver, StreamWrapper tls, HttpClientConfig config) {
        this.sim = sim;
        this.transport = transport;
        this.resolver = resolver;
        this.tls = tls;
        this.config = config;
    }

    public HttpClient(Simulator sim, StreamConnector transport, NameResolver resolver, HttpClientConfig config) {
        this(sim, transport, resolver, null, config);
    }

    public HttpClientConfig config() { return config; }
    public long connectionsOpened() { return connectionsOpened; }
    public long retries() { return retries; }

    public CompletableFuture<HttpExchange> get(String url) { return send("GET", url, HttpHeaders.EMPTY, new byte[0]); }

    public CompletableFuture<HttpExchange> head(String url) { return send("HEAD", url, HttpHeaders.EMPTY, new byte[0]); }

    public CompletableFuture<HttpExchange> post(String url, byte[] body, String contentType) {
        return send("POST", url, HttpHeaders.of("Content-Type", contentType), body);
    }

    public CompletableFuture<HttpExchange> post(String url, String body) {
        return post(url, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** Sends method to url; extra fields go after Host/User-Agent/Accept. */
    public CompletableFuture<HttpExchange> send(String method, String url, HttpHeaders extra, byte[] body) {
        return send(new Exchange(method, url, extra, body, false));
    }

    /**
     * Sends a request with exactly the given fields (Host included), as a proxy forwards one; only
     * Content-Length is set for the body and Connection: close under the serial policy.
     */
    public CompletableFuture<HttpExchange> forward(String method, String url, HttpHeaders fields, byte[] body) {
        return send(new Exchange(method, url, fields, body, true));
    }

    private CompletableFuture<HttpExchange> send(Exchange ex) {
        String url = ex.url;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null)
            return CompletableFuture.failedFuture(new IllegalArgumentException("not an http(s) URL: " + url));
        if (scheme.equals("https") && tls == null)
            return CompletableFuture.failedFuture(new IllegalStateException("no TLS configured for " + url));
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        ex.hostHeader = uri.getHost() + (port == (scheme.equals("https") ? 443 : 80) ? "" : ":" + port);
        HttpClientConfig.ProxyAddress proxy = config.proxy();
        boolean plainViaProxy = proxy != null && scheme.equals("http");
        ex.target = plainViaProxy ? "http://" + ex.hostHeader + path : path;            // RFC 9112 §3.2.2 absolute-form
        String key = plainViaProxy ? "proxy://" + proxy : scheme + "://" + uri.getHost() + ":" + port;
        Origin o = origins.computeIfAbsent(key, k -> plainViaProxy ? new Origin(false, proxy.host(), proxy.port(), proxy)
                : new Origin(scheme.equals("https"), uri.getHost(), port, proxy));
        o.waiting.add(ex);
        o.dispatch();
        return ex.future;
    }

    private final class Exchange {
        final String method;
        final String url;
        final HttpHeaders extra;
        final byte[] body;
        final CompletableFuture<HttpExchange> future = new CompletableFuture<>();
        final long startAt = sim.now();
        String target;
        String hostHeader;
        int attempts;
        long dispatchedAt = -1;
        long dnsNanos;
        long connectNanos;
        long tlsNanos;
        long sentAt = -1;
        long firstByteAt = -1;
        long connectionId;
        boolean reused;
        HttpRequest request;

        final boolean verbatim;

        Exchange(String method, String url, HttpHeaders extra, byte[] body, boolean verbatim) {
            this.method = method;
            this.url = url;
            this.extra = extra;
            this.body = body;
            this.verbatim = verbatim;
        }

        boolean idempotent() { return request != null ? request.idempotent() : HttpRequest.of(method, "/", HttpHeaders.EMPTY).idempotent(); }

        void complete(HttpResponse response, HttpOutcome outcome, String detail, long expected, long received) {
            if (future.isDone()) return;
            HttpTiming t = new HttpTiming(startAt, dnsNanos, connectNanos, tlsNanos,
                    dispatchedAt < 0 ? 0 : Math.max(0, dispatchedAt - startAt - dnsNanos - connectNanos - tlsNanos),
                    sentAt, firstByteAt, sim.now());
            HttpRequest req = request != null ? request : HttpRequest.of(method, target == null ? "/" : target, HttpHeaders.EMPTY);
            future.complete(new HttpExchange(url, req, response, outcome, detail, t, connectionId, reused,
                    Math.max(attempts, 1), expected, received));
        }
    }

    /**
     * Where a pool's connections go. Without a proxy: the origin host:port. Through a proxy: for
     * http, the proxy itself (host:port are the proxy's, one pool for every origin); for https, a
     * CONNECT tunnel through the proxy to host:port.
     */
    private final class Origin {
        final boolean https;
        final String host;
        final int port;
        final HttpClientConfig.ProxyAddress proxy;
        final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
        final List<Conn> conns = new ArrayList<>();
        CompletableFuture<Ipv4Address> address;
        long dnsNanos;
        boolean dnsCharged;

        Origin(boolean https, String host, int port, HttpClientConfig.ProxyAddress proxy) {
            this.https = https;
            this.host = host;
            this.port = port;
            this.proxy = proxy;
        }

        boolean viaProxy() { return proxy != null; }

        private String connectHost() { return proxy != null ? proxy.host() : host; }

        private int connectPort() { return proxy != null ? proxy.port() : port; }

        void dispatch() {
            while (!waiting.isEmpty()) {
                Exchange ex = waiting.peek();
                Conn c = usable(ex);
                if (c != null) {
                    waiting.poll();
                    c.send(ex);
                    continue;
                }
                long connecting = conns.stream().filter(k -> !k.open).count();
                if (conns.size() < config.policy().maxConnections() && connecting < waiting.size()) {
                    open();
                    continue;
                }
                return;
            }
        }

        private Conn usable(Exchange ex) {
            for (Conn c : conns) {
                if (!c.open || c.noMoreRequests || c.sendBudget == 0) continue;
                if (c.outstanding.isEmpty() && (c.used == 0 || config.policy().reusesConnections())) return c;
                if (config.policy() instanceof ConnectionPolicy.Pipelined p && c.knownPersistent
                        && c.outstanding.size() < p.depth() && ex.idempotent()
                        && c.outstanding.stream().allMatch(Exchange::idempotent)) return c;  // RFC 9112 §9.3.2
            }
            return null;
        }

        private void open() {
            Conn c = new Conn(this, nextConnection++);
            conns.add(c);
            long t0 = sim.now();
            if (address == null) {
                Ipv4Address literal = literal(connectHost());
                address = literal != null ? CompletableFuture.completedFuture(literal) : resolver.resolve(connectHost());
                address.whenComplete((a, e) -> dnsNanos = sim.now() - t0);
            }
            address.whenComplete((addr, err) -> {
                if (err != null) { c.failOpen(HttpOutcome.DNS_FAILED, String.valueOf(rootMessage(err))); return; }
                long tc = sim.now();
                connectionsOpened++;
                CompletableFuture<ByteStream> connected = transport.connect(addr, connectPort());
                if (proxy != null && https)
                    connected = connected.thenCompose(raw -> ProxyTunnel.open(sim, raw, host, port, config.userAgent(), config.responseTimeoutNanos()));
                connected.whenComplete((stream, cerr) -> {
                    if (cerr != null) { c.failOpen(HttpOutcome.CONNECT_FAILED, rootMessage(cerr)); return; }
                    c.connectNanos = sim.now() - tc;
                    if (!https) { c.ready(stream); return; }
                    long tt = sim.now();
                    tls.wrap(stream, host).whenComplete((secure, terr) -> {
                        if (terr != null) { stream.abort(); c.failOpen(HttpOutcome.TLS_FAILED, rootMessage(terr)); return; }
                        c.tlsNanos = sim.now() - tt;
                        c.ready(secure);
                    });
                });
            });
        }
    }

    private final class Conn {
        final Origin origin;
        final long id;
        final HttpParser parser = HttpParser.forResponses(config.limits());
        final ArrayDeque<Exchange> outstanding = new ArrayDeque<>();
        final ArrayDeque<byte[]> out = new ArrayDeque<>();
        final Timer timeout;
        ByteStream stream;
        int outOffset;
        boolean open;
        boolean closed;
        boolean noMoreRequests;
        boolean knownPersistent;
        boolean eofSeen;
        int used;
        int sendBudget = -1;
        long connectNanos;
        long tlsNanos;

        Conn(Origin origin, long id) {
            this.origin = origin;
            this.id = id;
            this.timeout = sim.newTimer(now -> onTimeout());
        }

        void ready(ByteStream s) {
            stream = s;
            open = true;
            s.onReadable(this::onReadable);
            s.onWritable(this::flush);
            s.onClosed(this::onStreamClosed);
            origin.dispatch();
            if (used == 0 && outstanding.isEmpty()) close();
        }

        void failOpen(HttpOutcome outcome, String detail) {
            origin.conns.remove(this);
            closed = true;
            Exchange ex = origin.waiting.poll();
            if (ex != null) {
                ex.connectionId = id;
                ex.attempts++;
                ex.complete(null, outcome, detail, -1, 0);
            }
            origin.dispatch();
        }

        void send(Exchange ex) {
            ex.attempts++;
            ex.connectionId = id;
            ex.reused = used > 0;
            ex.dispatchedAt = sim.now();
            if (used == 0) {
                if (!origin.dnsCharged) { ex.dnsNanos = origin.dnsNanos; origin.dnsCharged = true; }
                ex.connectNanos = connectNanos;
                ex.tlsNanos = tlsNanos;
            } else {
                ex.dnsNanos = ex.connectNanos = ex.tlsNanos = 0;
            }
            ex.sentAt = -1;
            ex.firstByteAt = -1;
            used++;
            if (sendBudget > 0) sendBudget--;
            HttpHeaders h = ex.verbatim ? ex.extra : HttpHeaders.of("Host", ex.hostHeader, "User-Agent", config.userAgent(), "Accept", "*/*");
            if (!ex.verbatim) for (var f : ex.extra.fields()) h = h.with(f.name(), f.value());
            HttpVersion v = HttpVersion.HTTP_1_1;
            boolean toProxy = origin.viaProxy() && !origin.https;
            String keepAliveField = toProxy && config.proxyConnection() ? "Proxy-Connection" : "Connection";
            if (!config.policy().reusesConnections()) {
                h = h.set("Connection", "close");                                  // RFC 9112 §9.6
                noMoreRequests = true;
            } else if (config.http10KeepAlive()) {
                v = HttpVersion.HTTP_1_0;
                h = h.set(keepAliveField, "keep-alive");                           // RFC 2068 §19.7.1
            } else if (toProxy && config.proxyConnection()) {
                h = h.set("Proxy-Connection", "keep-alive");
            }
            if (ex.body.length > 0 || ex.method.equals("POST") || ex.method.equals("PUT"))
                h = h.set("Content-Length", Integer.toString(ex.body.length));
            ex.request = new HttpRequest(ex.method, ex.target, v, h, ex.body, HttpHeaders.EMPTY);
            parser.expectResponseTo(ex.method);
            outstanding.add(ex);
            out.add(HttpWriter.encode(ex.request));
            flush();
            timeout.setDeadline(sim.now() + config.responseTimeoutNanos());
        }

        void flush() {
            if (closed || stream == null) return;
            while (!out.isEmpty()) {
                byte[] head = out.peek();
                int n = stream.write(head, outOffset, head.length - outOffset);
                if (n <= 0) return;
                outOffset += n;
                if (outOffset == head.length) {
                    out.poll();
                    outOffset = 0;
                    for (Exchange e : outstanding) if (e.sentAt < 0) { e.sentAt = sim.now(); break; }
                }
            }
        }

        void onReadable() {
            if (closed) return;
            boolean eof = false;
            byte[] readBuf = ReadScratch.get();                                      // the parser copies it
            while (true) {
                int n = stream.read(readBuf, 0, readBuf.length);
                if (n > 0) {
                    Exchange head = outstanding.peek();
                    if (head != null && head.firstByteAt < 0) head.firstByteAt = sim.now();
                    parser.feed(readBuf, 0, n);
                    drainResponses();
                    if (closed) return;
                    continue;
                }
                eof = n < 0;
                break;
            }
            if (!outstanding.isEmpty()) timeout.setDeadline(sim.now() + config.responseTimeoutNanos());
            if (parser.failed()) { protocolError(); return; }
            if (eof && !eofSeen) {
                eofSeen = true;
                sim.after(0, this::onEof);                                       // a reset reported with the EOF wins
            }
        }

        private void drainResponses() {
            for (HttpMessage m; (m = parser.poll()) != null; ) {
                HttpResponse r = (HttpResponse) m;
                Exchange ex = outstanding.poll();
                if (ex == null) continue;                                            // unsolicited: ignore
                if (!r.keepAlive()) noMoreRequests = true;                         // RFC 9112 §9.3
                else {
                    knownPersistent = true;
                    int max = r.keepAliveParameters().max();
                    if (max >= 0) sendBudget = Math.max(0, max - outstanding.size());  // RFC 2068 §19.7.1.1
                }
                ex.complete(r, HttpOutcome.OK, "", r.body().length, r.body().length);
                Exchange next = outstanding.peek();
                if (next != null && next.firstByteAt < 0 && !parser.idle()) next.firstByteAt = sim.now();
            }
            if (outstanding.isEmpty()) {
                timeout.cancel();
                if (noMoreRequests || !config.policy().reusesConnections()) { close(); origin.dispatch(); return; }
                origin.dispatch();
            }
        }

        private void onEof() {
            if (closed) return;
            parser.finish();
            drainResponses();
            if (closed && outstanding.isEmpty()) return;
            if (parser.error() == HttpParseError.TRUNCATED_BODY || parser.error() == HttpParseError.TRUNCATED_HEADER) {
                Exchange ex = outstanding.poll();
                if (ex != null) ex.complete(null, HttpOutcome.TRUNCATED,
                        parser.error() == HttpParseError.TRUNCATED_BODY ? received() + "; the server closed the connection"
                                : "connection closed inside the response header",
                        parser.declaredLength(), parser.bodyBytesReceived());
            }
            teardown(HttpOutcome.CONNECTION_CLOSED, "connection closed before the response");
        }

        /** "got 1500 of 2000 bytes" for the body in progress (RFC 9112 §8: fewer octets than Content-Length). */
        private String received() {
            long got = parser.bodyBytesReceived(), of = parser.declaredLength();
            return "got " + got + (of >= 0 ? " of " + of : "") + " bytes" + (of >= 0 ? "" : " of a body without Content-Length");
        }

        private void protocolError() {
            Exchange ex = outstanding.poll();
            if (ex != null) ex.complete(null, HttpOutcome.PROTOCOL_ERROR, parser.error().name(), -1, 0);
            stream.abort();
            teardown(HttpOutcome.CONNECTION_CLOSED, "connection aborted after a protocol error");
        }

        private void onTimeout() {
            if (closed) return;
            Exchange ex = outstanding.poll();
            if (ex != null) {
                String where = origin.viaProxy() ? " from the proxy " + config.proxy() : "";
                String got = ex.firstByteAt < 0 ? "no response" + where : "response stalled" + where + ", " + received();
                ex.complete(null, HttpOutcome.TIMEOUT, got + " within " + io.wirelab.sim.SimTime.human(config.responseTimeoutNanos()),
                        parser.declaredLength(), parser.bodyBytesReceived());
            }
            stream.abort();
            teardown(HttpOutcome.CONNECTION_CLOSED, "connection aborted after a timeout");
        }

        private void onStreamClosed(StreamCloseReason r) {
            if (closed) return;
            Exchange head = outstanding.peek();
            if (r == StreamCloseReason.RESET_BY_PEER && head != null && head.firstByteAt >= 0 && !parser.idle()) {
                outstanding.poll();                                                  // part of the response came: a truncation
                head.complete(null, HttpOutcome.TRUNCATED, parser.inBody() ? received() + "; connection reset by peer"
                        : "connection reset by peer inside the response header", parser.declaredLength(), parser.bodyBytesReceived());
            }
            if (r == StreamCloseReason.RESET_BY_PEER) teardown(HttpOutcome.CONNECTION_RESET, "connection reset by peer");
            else if (r == StreamCloseReason.TIMED_OUT) teardown(HttpOutcome.CONNECTION_CLOSED, "connection timed out");
        }

        /** The connection is gone: retry idempotent requests that got nothing, fail the others (RFC 9112 §9.3.1). */
        private void teardown(HttpOutcome outcome, String detail) {
            if (closed) return;
            closed = true;
            open = false;
            timeout.cancel();
            origin.conns.remove(this);
            if (stream != null && stream.isOpen()) stream.close();
            List<Exchange> retry = new ArrayList<>();
            for (Iterator<Exchange> it = outstanding.iterator(); it.hasNext(); ) {
                Exchange ex = it.next();
                it.remove();
                if (ex.idempotent() && ex.attempts <= config.maxRetries() && ex.firstByteAt < 0) {
                    retries++;
                    retry.add(ex);
                } else {
                    ex.complete(null, outcome, detail + (ex.idempotent() ? "" : "; " + ex.method + " is not retried"), -1, 0);
                }
            }
            for (int i = retry.size() - 1; i >= 0; i--) origin.waiting.addFirst(retry.get(i));
            origin.dispatch();
        }

        void close() {
            if (closed) return;
            closed = true;
            open = false;
            timeout.cancel();
            origin.conns.remove(this);
            if (stream != null) linger(stream);
        }

        /**
         * RFC 9112 §9.6: half-close, then read and discard until the server's FIN, so that its last
         * bytes (a TLS close_notify) do not reach a closed socket and draw a reset; closes for good
         * after LINGER_NANOS if the server never finishes.
         */
        private void linger(ByteStream s) {
            Timer giveUp = sim.newTimer(now -> { if (s.isOpen()) s.close(); });
            s.onReadable(() -> {
                byte[] sink = ReadScratch.get();
                while (s.read(sink, 0, sink.length) > 0) { }
            });
            s.onClosed(r -> giveUp.cancel());
            s.shutdownOutput();
            giveUp.setDeadline(sim.now() + LINGER_NANOS);
        }
    }

    private static Ipv4Address literal(String host) {
        if (!IPV4_LITERAL.matcher(host).matches()) return null;
        try {
            return Ipv4Address.parse(host);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
