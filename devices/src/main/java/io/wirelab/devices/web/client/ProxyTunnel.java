package io.wirelab.devices.web.client;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.stream.StreamException;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpResponse;
import io.wirelab.wire.http.HttpVersion;
import io.wirelab.wire.http.HttpWriter;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a proxy for a tunnel (RFC 9110 §9.3.6): "CONNECT host:port" on a stream to the proxy; a 2xx
 * answer turns the stream into a blind tunnel to host:port (the stream completes), anything else
 * fails with the proxy's status.
 */
final class ProxyTunnel {
    private ProxyTunnel() {}

    static CompletableFuture<ByteStream> open(Simulator sim, ByteStream s, String host, int port, String userAgent, long timeoutNanos) {
        CompletableFuture<ByteStream> result = new CompletableFuture<>();
        String authority = host + ":" + port;                                    // RFC 9112 §3.2.3 authority-form
        byte[] req = HttpWriter.encode(new HttpRequest("CONNECT", authority, HttpVersion.HTTP_1_1,
                HttpHeaders.of("Host", authority, "User-Agent", userAgent), new byte[0], HttpHeaders.EMPTY));
        HttpParser parser = HttpParser.forResponses(HttpLimits.defaults());
        parser.expectResponseTo("CONNECT");
        Timer giveUp = sim.newTimer(now -> {
            if (result.isDone()) return;
            s.abort();
            result.completeExceptionally(new StreamException("TIMEOUT", "no answer to CONNECT " + authority + " from the proxy"));
        });
        byte[] buf = new byte[4096];
        s.onReadable(() -> {
            if (result.isDone()) return;
            for (int n; (n = s.read(buf, 0, buf.length)) != 0; ) {
                if (n < 0) { parser.finish(); break; }
                parser.feed(buf, 0, n);
                if (parser.readyCount() > 0) break;
            }
            if (parser.poll() instanceof HttpResponse r) {
                giveUp.cancel();
                if (r.status() / 100 == 2) { result.complete(s); return; }
                s.abort();
                result.completeExceptionally(new StreamException("PROXY_REFUSED", "the proxy answered CONNECT " + authority
                        + " with " + r.status() + " " + r.reason()));
            } else if (parser.closed()) {
                giveUp.cancel();
                s.abort();
                result.completeExceptionally(new StreamException("PROXY_CLOSED", "the proxy closed the connection before answering CONNECT " + authority));
            }
        });
        s.write(req, 0, req.length);
        giveUp.setDeadline(sim.now() + timeoutNanos);
        return result;
    }
}
