package io.wirelab.devices.web.client;

import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpResponse;

/**
 * One request's result. response is null unless the outcome is OK. For TRUNCATED,
 * expectedBytes/receivedBytes say how much of the body came. attempts counts retries + 1.
 */
public record HttpExchange(String url, HttpRequest request, HttpResponse response, HttpOutcome outcome,
                           String detail, HttpTiming timing, long connectionId, boolean reusedConnection,
                           int attempts, long expectedBytes, long receivedBytes) {
    public boolean ok() { return outcome == HttpOutcome.OK; }
    public int status() { return response == null ? 0 : response.status(); }

    @Override public String toString() {
        return request.method() + " " + url + " -> " + (response != null ? response.status() + " " + response.reason() : outcome)
                + (detail.isEmpty() ? "" : " (" + detail + ")") + " [conn " + connectionId + (reusedConnection ? " reused" : "")
                + (attempts > 1 ? ", attempts " + attempts : "") + "] " + timing;
    }
}
