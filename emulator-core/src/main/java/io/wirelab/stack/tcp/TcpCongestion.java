package io.wirelab.stack.tcp;

/** The congestion control a host's TCP uses (Linux net.ipv4.tcp_congestion_control). */
public enum TcpCongestion {
    /** RFC 9438, Linux's default (net/ipv4/tcp_cubic.c). */
    CUBIC,
    /** RFC 5681 with the RFC 6582 fast-recovery modification. */
    NEWRENO,
    /** RFC 5681 as written: fast recovery ends at the first ACK of new data. */
    RENO
}
