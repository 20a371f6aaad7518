package io.wirelab.devices.proxy;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.sim.Timer;
import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpResponse;
import io.wirelab.wire.http.HttpStatus;
import io.wirelab.wire.http.HttpVersion;
import io.wirelab.wire.http.HttpWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client connection to a smart proxy: requests are answered one at a time, in order; each is
 * forwarded to its origin without hop-by-hop fields and with Via, and its response comes back the
 * same way, re-framed with Content-Length (Transfer-Encoding is hop-by-hop). The connection to the
 * client persists as the client asked (Connection or Proxy-Connection), whatever the origin did.
 */
final class SmartConnection {
    private final HttpProxy proxy;
    private final long id;
    private final ByteStream s;
    private final HttpParser parser = HttpParser.forRequests(HttpLimits.defaults());
    private final ArrayDeque<HttpRequest> pending = new ArrayDeque<>();
    private final ArrayDeque<byte[]> out = new ArrayDeque<>();
    private final byte[] buf = new byte[16384];
    private final Timer idle;
    private int outOffset;
    private int served;
    private boolean busy;
    private boolean closing;
    private boolean peerEof;
    private boolean done;

    SmartConnection(HttpProxy proxy, long id, ByteStream s) {
        this.proxy = proxy;
        this.id = id;
        this.s = s;
        this.idle = proxy.sim().newTimer(now -> onIdle());
    }

    void start() {
        s.onReadable(this::onReadable);
        s.onWritable(this::flush);
        s.onClosed(why -> { done = true; idle.cancel(); });
        armIdle();
        onReadable();
    }

    private void armIdle() { idle.setDeadline(proxy.sim().now() + proxy.config().idleTimeoutNanos()); }

    private void onReadable() {
        if (done) return;
        for (int n; (n = s.read(buf, 0, buf.length)) != 0; ) {
            if (n < 0) { peerEof = true; parser.finish(); break; }
            parser.feed(buf, 0, n);
        }
        for (HttpMessage m; (m = parser.poll()) != null; ) pending.add((HttpRequest) m);
        armIdle();
        next();
    }

    private void next() {
        if (busy || closing || done) return;
        HttpRequest req = pending.poll();
        if (req == null) {
            if (parser.failed()) {
                proxy.count(ProxyCounter.RX_ERROR);
                answer(null, error(400, "bad request: " + parser.error().name()), false);
            } else if (peerEof) {
                finish();
            }
            return;
        }
        proxy.count(ProxyCounter.RX_REQUEST);
        if (served++ > 0) proxy.count(ProxyCounter.CLIENT_CONN_REUSED);
        if (req.method().equals("CONNECT")) { tunnel(req); return; }
        ProxyHeaders.Target t = ProxyHeaders.absolute(req.target());
        boolean keep = ProxyHeaders.clientWantsKeepAlive(req);
        if (t == null || !t.scheme().equals("http")) {
            answer(req, error(400, "a proxy needs an absolute http URI (RFC 9112 §3.2.2); use CONNECT for https"), keep);
            return;
        }
        busy = true;
        HttpHeaders fields = ProxyHeaders.forward(req.headers(), req.version(), proxy.config().name());
        proxy.count(ProxyCounter.HOP_BY_HOP_REMOVED, ProxyHeaders.removedCount(req.headers()));
        if (!fields.contains("Host")) fields = fields.with("Host", t.authority());                    // RFC 9112 §3.2
        proxy.count(ProxyCounter.TX_FORWARDED);
        proxy.upstream().forward(req.method(), t.url(), fields, req.body()).whenComplete((x, err) -> {
            busy = false;
            if (done) return;
            answer(req, err != null ? error(502, String.valueOf(err.getMessage())) : fromOrigin(req, x), keep);
            next();
        });
    }

    /** The origin's answer as this proxy passes it on, or 502/504 when there was none. */
    private HttpResponse fromOrigin(HttpRequest req, HttpExchange x) {
        if (x.outcome() == HttpOutcome.TIMEOUT) return error(504, "the origin did not answer: " + x.detail());
        if (!x.ok()) return error(502, "the origin's response failed: " + x.outcome() + (x.detail().isEmpty() ? "" : " (" + x.detail() + ")"));
        HttpResponse r = x.response();
        proxy.count(ProxyCounter.HOP_BY_HOP_REMOVED, ProxyHeaders.removedCount(r.headers()));
        HttpHeaders h = ProxyHeaders.forward(r.headers(), r.version(), proxy.config().name());
        if (!req.method().equals("HEAD") && !HttpStatus.forbidsBody(r.status())) h = h.set("Content-Length", Integer.toString(r.body().length));
        return new HttpResponse(HttpVersion.HTTP_1_1, r.status(), r.reason(), h, r.body(), HttpHeaders.EMPTY);  // RFC 9110 §6.2
    }

    private HttpResponse error(int status, String detail) {
        proxy.count(switch (status) {
            case 400 -> ProxyCounter.TX_STATUS_400;
            case 504 -> ProxyCounter.TX_STATUS_504;
            default -> ProxyCounter.TX_STATUS_502;
        });
        byte[] body = (status + " " + HttpStatus.reason(status) + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8);
        HttpHeaders h = HttpHeaders.of("Content-Type", "text/plain; charset=utf-8", "Content-Length", Integer.toString(body.length),
                "Via", "1.1 " + proxy.config().name());
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status), h, body, HttpHeaders.EMPTY);
    }

    /**
     * Sends a response to the client with this hop's own connection fields: keep-alive in the field
     * the client used (Proxy-Connection for a client that asked with it), close otherwise.
     */
    private void answer(HttpRequest req, HttpResponse r, boolean keep) {
        if (r.status() == 400) keep = false;
        HttpHeaders h = r.headers();
        if (keep) {
            boolean viaProxyConnection = req != null && req.headers().contains("Proxy-Connection") && !req.headers().contains("Connection");
            h = h.set(viaProxyConnection ? "Proxy-Connection" : "Connection", "keep-alive");
        } else {
            h = h.set("Connection", "close");                                                      // RFC 9112 §9.6
        }
        if (req != null) proxy.record(new HttpProxy.ProxiedRequest(id, proxy.sim().now(), req.method(), req.target(), r.status(), keep));
        out.add(HttpWriter.encode(r.withHeaders(h), req != null && req.method().equals("HEAD")));
        if (!keep) closing = true;
        flush();
    }

    private void flush() {
        if (done) return;
        while (!out.isEmpty()) {
            byte[] head = out.peek();
            int n = s.write(head, outOffset, head.length - outOffset);
            if (n <= 0) return;
            outOffset += n;
            if (outOffset == head.length) { out.poll(); outOffset = 0; }
        }
        if (closing) finish();
    }

    /** RFC 9110 §9.3.6: connect to the authority, answer 2xx, then relay bytes blindly both ways. */
    private void tunnel(HttpRequest req) {
        ProxyHeaders.HostPort hp = ProxyHeaders.hostPort(req.target(), 443);
        if (hp == null) { answer(req, error(400, "CONNECT needs host:port (RFC 9112 §3.2.3)"), false); return; }
        busy = true;
        idle.cancel();
        proxy.connect(hp.host(), hp.port()).whenComplete((origin, err) -> {
            if (done) { if (origin != null) origin.abort(); return; }
            if (err != null) {
                proxy.count(ProxyCounter.TUNNEL_FAILED);
                busy = false;
                answer(req, error(502, "cannot reach " + req.target() + ": " + err.getMessage()), false);
                return;
            }
            proxy.count(ProxyCounter.TUNNEL_OPENED);
            proxy.record(new HttpProxy.ProxiedRequest(id, proxy.sim().now(), req.method(), req.target(), 200, true));
            byte[] ok = "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            done = true;                                                       // the relay owns both streams now
            Relay.start(origin, s, null, ok, null, () -> { });
        });
    }

    private void onIdle() {
        if (done || busy || !out.isEmpty()) return;
        proxy.count(ProxyCounter.CONN_CLOSE_IDLE_TIMEOUT);
        finish();
    }

    private void finish() {
        if (done) return;
        done = true;
        idle.cancel();
        s.close();
    }
}
