package io.wirelab.devices.web.client;

/** How an exchange ended. */
public enum HttpOutcome {
    OK,
    /** EOF before Content-Length bytes or the last chunk (RFC 9112 §8). */
    TRUNCATED,
    /** The connection closed or was reset before any of the response arrived and the request could not be retried. */
    CONNECTION_CLOSED,
    CONNECTION_RESET,
    DNS_FAILED,
    CONNECT_FAILED,
    TLS_FAILED,
    TIMEOUT,
    PROTOCOL_ERROR
}
