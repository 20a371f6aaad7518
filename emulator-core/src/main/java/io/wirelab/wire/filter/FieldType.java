package io.wirelab.wire.filter;

/** What a display-filter field holds, as Wireshark types it: a literal compared with it must be of the same kind. */
public enum FieldType {
    /** A protocol: only its presence can be tested ("tls", "dns"). */
    PROTOCOL,
    /** An unsigned whole number (ports, lengths, codes). */
    UINT,
    /** A flag, 0 or 1; literals 1, 0, true, false. */
    BOOL,
    /** Seconds as a decimal number (frame.time_relative, http.time). */
    TIME,
    IPV4,
    ETHER,
    STRING
}
