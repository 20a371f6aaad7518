package io.wirelab.devices.web;

import io.wirelab.trace.Counted;

/**
 * What HttpServer counts. Parse errors (http.rx.error.&lt;HttpParseError&gt;) and abnormal stream ends
 * (http.conn.closed.&lt;StreamCloseReason&gt;) are counted apart, one counter per constant of those enums.
 */
public enum HttpServerCounter implements Counted {
    CONN_ACCEPTED("http.conn.accepted"),
    RX_REQUEST("http.rx.request"),
    RX_DISCARDED_BYTES("http.rx.discarded_bytes"),
    TX_STATUS_200("http.tx.status.200"),
    TX_STATUS_204("http.tx.status.204"),
    TX_STATUS_400("http.tx.status.400"),
    TX_STATUS_404("http.tx.status.404"),
    TX_STATUS_405("http.tx.status.405"),
    TX_STATUS_411("http.tx.status.411"),
    TX_STATUS_413("http.tx.status.413"),
    TX_STATUS_414("http.tx.status.414"),
    TX_STATUS_431("http.tx.status.431"),
    TX_STATUS_501("http.tx.status.501"),
    TX_STATUS_505("http.tx.status.505"),
    /** A status only a handler sends. */
    TX_STATUS_OTHER("http.tx.status.other"),
    /** A response sent with a ServerFault. */
    TX_FAULT("http.tx.fault"),
    CONN_CLOSE_SERVER_CLOSE("http.conn.close.server_close"),
    CONN_CLOSE_PEER_CLOSED("http.conn.close.peer_closed"),
    CONN_CLOSE_TRUNCATED("http.conn.close.truncated"),
    CONN_CLOSE_IDLE_TIMEOUT("http.conn.close.idle_timeout"),
    CONN_CLOSE_REQUEST_TIMEOUT("http.conn.close.request_timeout"),
    CONN_RESET_WITH_UNREAD("http.conn.reset_with_unread"),
    CONN_LINGER_TIMEOUT("http.conn.linger_timeout"),
    CONN_CLOSE_FAULT("http.conn.close.fault"),
    CONN_RESET_FAULT("http.conn.reset.fault");

    private final String counterName;

    HttpServerCounter(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }

    /** The counter of a status sent: its own for the server's statuses, TX_STATUS_OTHER for a handler's others. */
    static HttpServerCounter forSentStatus(int status) {
        try {
            return forStatus(status);
        } catch (IllegalArgumentException e) {
            return TX_STATUS_OTHER;
        }
    }

    /** The counter of a response with this status; every status the server sends has one. */
    static HttpServerCounter forStatus(int status) {
        return switch (status) {
            case 200 -> TX_STATUS_200;
            case 204 -> TX_STATUS_204;
            case 400 -> TX_STATUS_400;
            case 404 -> TX_STATUS_404;
            case 405 -> TX_STATUS_405;
            case 411 -> TX_STATUS_411;
            case 413 -> TX_STATUS_413;
            case 414 -> TX_STATUS_414;
            case 431 -> TX_STATUS_431;
            case 501 -> TX_STATUS_501;
            case 505 -> TX_STATUS_505;
            default -> throw new IllegalArgumentException("HttpServer sends no status " + status + "; add a counter for it");
        };
    }
}
