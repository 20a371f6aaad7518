package io.wirelab.wire.http;

/**
 * Why a byte stream is not a valid HTTP/1.1 message. status() is the response a server sends for
 * it (0: not a request error, e.g. a bad response seen by a client or an early EOF).
 */
public enum HttpParseError {
    NONE(0),
    BAD_REQUEST_LINE(400),            // RFC 9112 §3
    REQUEST_TARGET_TOO_LONG(414),     // RFC 9112 §3
    BAD_VERSION(400),                 // RFC 9112 §2.3
    UNSUPPORTED_VERSION(505),         // RFC 9110 §15.6.6
    BAD_STATUS_LINE(0),               // RFC 9112 §4
    BARE_CR(400),                     // RFC 9112 §2.2
    BAD_FIELD_LINE(400),              // RFC 9112 §5
    WHITESPACE_BEFORE_COLON(400),     // RFC 9112 §5.1
    OBS_FOLD(400),                    // RFC 9112 §5.2
    BAD_FIELD_VALUE(400),             // RFC 9110 §5.5
    HEADER_SECTION_TOO_LARGE(431),    // RFC 6585 §5
    TOO_MANY_FIELDS(431),             // RFC 6585 §5
    MISSING_HOST(400),                // RFC 9112 §3.2
    DUPLICATE_HOST(400),              // RFC 9112 §3.2
    BAD_CONTENT_LENGTH(400),          // RFC 9112 §6.3 item 5
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400), // RFC 9112 §6.1
    TRANSFER_ENCODING_IN_HTTP_1_0(400),        // RFC 9112 §6.1
    UNKNOWN_TRANSFER_CODING(501),     // RFC 9112 §6.1
    CHUNKED_NOT_FINAL(400),           // RFC 9112 §6.3 item 4
    BAD_CHUNK_SIZE(400),              // RFC 9112 §7.1
    CHUNK_LINE_TOO_LONG(400),         // RFC 9112 §7.1.1
    BAD_CHUNK_END(400),               // RFC 9112 §7.1
    BODY_TOO_LARGE(413),              // RFC 9110 §15.5.14
    TRUNCATED_HEADER(0),              // EOF inside the start line or fields
    TRUNCATED_BODY(0);                // EOF before Content-Length bytes or the last chunk (RFC 9112 §8)

    private final int status;

    HttpParseError(int status) { this.status = status; }

    public int status() { return status; }
}
