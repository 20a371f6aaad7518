package io.wirelab.wire.dns;

/** Why a DNS message was rejected by the parser. Counters use lowerCase names: dns.rx.drop.pointer_loop. */
public enum DnsMalformed {
    NONE,
    /** A section, name or RR runs past the end of the message (RFC 1035 §4.1). */
    TRUNCATED,
    /** A compression pointer that does not point to an earlier byte of the message (RFC 1035 §4.1.4). */
    BAD_POINTER,
    /** More chained compression pointers than a name can have labels. */
    POINTER_LOOP,
    /** A name longer than 255 octets (RFC 1035 §2.3.4). */
    NAME_TOO_LONG,
    /** Label type 01 or 10 in the two top bits (RFC 1035 §4.1.4, RFC 6891 §5). */
    BAD_LABEL_TYPE,
    /** RDATA that does not match its type's format or its RDLENGTH (RFC 1035 §3.3). */
    BAD_RDATA;
}
