package io.wirelab.scripting;

import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpTiming;
import io.wirelab.wire.http.HttpField;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as scripts see it ({@code def r = pc1.http.get(url)}): {@code r.status},
 * {@code r.reason}, {@code r.headers}, {@code r.body}, {@code r.outcome} ("OK", "TRUNCATED",
 * "DNS_FAILED" ...), {@code r.ok}, and the timing phases as {@link VirtualDuration}s
 * ({@code r.dns}, {@code r.connect}, {@code r.tls}, {@code r.wait}, {@code r.receive}, {@code r.total}).
 * Prints as one curl -w style line.
 */
public final class HttpResult {
    private final HttpExchange exchange;

    HttpResult(HttpExchange exchange) { this.exchange = exchange; }

    public HttpExchange getExchange() { return exchange; }
    public String getUrl() { return exchange.url(); }
    public String getMethod() { return exchange.request().method(); }
    /** 0 when no response came (see outcome). */
    public int getStatus() { return exchange.status(); }
    public String getReason() { return exchange.response() == null ? "" : exchange.response().reason(); }
    public String getOutcome() { return exchange.outcome().name(); }
    /** The outcome's explanation ("connection reset by peer", "Content-Length 1000, got 200"), or "". */
    public String getDetail() { return exchange.detail(); }
    /** A response came in full with a status below 400. */
    public boolean isOk() { return exchange.ok() && exchange.status() < 400; }
    public String getVersion() { return exchange.response() == null ? "" : exchange.response().version().toString(); }

    /** Response header fields by name as sent, repeated fields joined with ", " (RFC 9110 §5.3). */
    public Map<String, String> getHeaders() {
        Map<String, String> m = new LinkedHashMap<>();
        if (exchange.response() != null)
            for (HttpField f : exchange.response().headers().fields()) m.merge(f.name(), f.value(), (a, b) -> a + ", " + b);
        return Collections.unmodifiableMap(m);
    }

    public String header(String name) { return exchange.response() == null ? null : exchange.response().headers().get(name); }

    public String getBody() { return exchange.response() == null ? "" : new String(exchange.response().body(), StandardCharsets.UTF_8); }
    public long getSize() { return exchange.response() == null ? exchange.receivedBytes() : exchange.response().body().length; }
    /** The body length the response announced (its Content-Length), or -1 when it gave none or none came. */
    public long getExpected() {
        if (exchange.response() == null) return exchange.expectedBytes();
        String cl = exchange.response().headers().get("Content-Length");
        try {
            return cl == null ? -1 : Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
    public long getConnection() { return exchange.connectionId(); }
    public boolean isReused() { return exchange.reusedConnection(); }
    public int getAttempts() { return exchange.attempts(); }

    public VirtualDuration getDns() { return VirtualDuration.ofNanos(t().dnsNanos()); }
    public VirtualDuration getConnect() { return VirtualDuration.ofNanos(t().connectNanos()); }
    public VirtualDuration getTls() { return VirtualDuration.ofNanos(t().tlsNanos()); }
    /** Request sent to first response byte; null when that never happened. */
    public VirtualDuration getWait() { return t().waitNanos() < 0 ? null : VirtualDuration.ofNanos(t().waitNanos()); }
    public VirtualDuration getReceive() { return t().receiveNanos() < 0 ? null : VirtualDuration.ofNanos(t().receiveNanos()); }
    public VirtualDuration getTotal() { return VirtualDuration.ofNanos(t().completeAt() - t().startAt()); }
    /** Since the call: connection ready (curl's time_connect/appconnect), first byte (time_starttransfer). */
    public VirtualDuration getFirstByte() { return t().firstByteAt() < 0 ? null : VirtualDuration.ofNanos(t().firstByteAt() - t().startAt()); }

    private HttpTiming t() { return exchange.timing(); }

    @Override public String toString() {
        String head = exchange.response() != null
                ? exchange.status() + " " + getReason() + ", " + getSize() + " bytes"
                : getOutcome() + (getDetail().isEmpty() ? "" : " (" + getDetail() + ")");
        return head + " | dns " + getDns() + ", connect " + getConnect() + ", tls " + getTls()
                + ", wait " + (getWait() == null ? "-" : getWait()) + ", receive " + (getReceive() == null ? "-" : getReceive())
                + ", total " + getTotal() + " | conn " + getConnection() + (isReused() ? " reused" : "")
                + (getAttempts() > 1 ? ", attempts " + getAttempts() : "");
    }
}
