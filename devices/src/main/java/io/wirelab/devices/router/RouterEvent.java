package io.wirelab.devices.router;

import io.wirelab.trace.Counted;

/** What a router did, counted once each: forwarding, fragmenting, ICMP errors sent or held back. */
public enum RouterEvent implements Counted {
    FORWARDED("forward.tx.datagram"),
    FRAGMENTED("forward.tx.fragmented"),
    FRAGMENT_SENT("forward.tx.fragment"),
    ICMP_TIME_EXCEEDED("icmp.tx.time_exceeded"),
    ICMP_NET_UNREACHABLE("icmp.tx.net_unreachable"),
    ICMP_HOST_UNREACHABLE("icmp.tx.host_unreachable"),
    ICMP_FRAGMENTATION_NEEDED("icmp.tx.fragmentation_needed"),
    /** RFC 1812 §4.3.2.8: held back by the rate limit (Linux icmp_ratelimit). */
    ICMP_RATE_LIMITED("icmp.tx.drop.rate_limited"),
    /** RFC 1812 §4.3.2.7: never about an ICMP error, a broadcast, a non-initial fragment or a non-unicast source. */
    ICMP_SUPPRESSED("icmp.tx.drop.suppressed"),
    /** No route back to the datagram's source. */
    ICMP_NO_ROUTE("icmp.tx.drop.no_route"),
    RELAY_TO_SERVER("dhcp_relay.tx.to_server"),
    RELAY_TO_CLIENT("dhcp_relay.tx.to_client");

    private final String counterName;

    RouterEvent(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }
}
