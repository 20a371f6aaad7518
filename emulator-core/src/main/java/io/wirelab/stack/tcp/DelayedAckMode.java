package io.wirelab.stack.tcp;

/** How a receiver delays its ACKs. */
public enum DelayedAckMode {
    /**
     * Linux (tcp_input.c, tcp_output.c): quick-ACK mode at the start and after idle, interactive (pingpong)
     * detection, a timeout (ato) adapted between 40 ms and the delayed-ACK maximum.
     */
    ADAPTIVE,
    /** The textbook timer: every delayed ACK waits the delayed-ACK time (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2). */
    FIXED
}
