package io.wirelab.devices.proxy;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpWriter;
import java.nio.charset.StandardCharsets;

/**
 * One client connection to a dumb proxy (HTTP: The Definitive Guide §4.5.6): it reads the first
 * request only to find the origin (absolute-form target, else Host), sends that request on with
 * every field unchanged (Connection: keep-alive included, so the origin keeps its connection open),
 * then relays the origin's bytes to the client until the origin closes. It does not expect a second
 * request: whatever else the client sends is read and ignored, so a client that believed the
 * Connection: keep-alive it got back waits for an answer that never comes. CONNECT opens a tunnel.
 */
final class DumbRelay {
    private final HttpProxy proxy;
    private final long id;
    private final ByteStream client;
    private final HttpParser parser = HttpParser.forRequests(HttpLimits.defaults());
    private final byte[] buf = new byte[16384];
    private boolean started;
    private boolean done;

    DumbRelay(HttpProxy proxy, long id, ByteStream client) {
        this.proxy = proxy;
        this.id = id;
        this.client = client;
    }

    void start() {
        client.onReadable(this::onReadable);
        client.onClosed(why -> done = true);
        onReadable();
    }

    private void onReadable() {
        if (done || started) return;
        for (int n; (n = client.read(buf, 0, buf.length)) != 0; ) {
            if (n < 0) { parser.finish(); break; }
            parser.feed(buf, 0, n);
            if (parser.readyCount() > 0) break;
        }
        HttpMessage m = parser.poll();
        if (m instanceof HttpRequest req) { begin(req); return; }
        if (parser.closed()) {                                                       // junk or EOF before a request
            if (parser.failed()) proxy.count(ProxyCounter.RX_ERROR);
            done = true;
            client.close();
        }
    }

    private void begin(HttpRequest req) {
        started = true;
        proxy.count(ProxyCounter.RX_REQUEST);
        boolean connect = req.method().equals("CONNECT");
        ProxyHeaders.HostPort where;
        if (connect) where = ProxyHeaders.hostPort(req.target(), 443);
        else {
            ProxyHeaders.Target t = ProxyHeaders.absolute(req.target());
            String host = req.headers().get("Host");
            where = t != null ? new ProxyHeaders.HostPort(t.host(), t.port()) : host == null ? null : ProxyHeaders.hostPort(host, 80);
        }
        if (where == null) {
            proxy.count(ProxyCounter.RX_ERROR);
            done = true;
            client.close();
            return;
        }
        client.onReadable(() -> { });                                   // until the origin answers, the rest waits unread
        proxy.connect(where.host(), where.port()).whenComplete((origin, err) -> {
            if (done) { if (origin != null) origin.abort(); return; }
            if (err != null) {
                proxy.count(ProxyCounter.TX_STATUS_502);
                byte[] bad = "HTTP/1.0 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                client.write(bad, 0, bad.length);
                done = true;
                client.close();
                return;
            }
            proxy.record(new HttpProxy.ProxiedRequest(id, proxy.sim().now(), req.method(), req.target(), 0, false));
            if (connect) {
                proxy.count(ProxyCounter.TUNNEL_OPENED);
                byte[] ok = "HTTP/1.0 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                Relay.start(origin, client, null, ok, null, () -> { });
                return;
            }
            proxy.count(ProxyCounter.TX_FORWARDED);
            byte[] request = HttpWriter.encode(req);                     // the fields as received, in order and spelling
            Relay.start(origin, client, request, null, n -> proxy.count(ProxyCounter.DUMB_IGNORED_BYTES, n),
                    () -> proxy.count(ProxyCounter.DUMB_ORIGIN_CLOSED));
        });
    }
}
