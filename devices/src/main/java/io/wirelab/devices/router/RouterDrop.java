package io.wirelab.devices.router;

import io.wirelab.trace.Counted;

import java.util.Locale;

/** Why a router did not forward a datagram, counted as "forward.drop.<reason>". */
public enum RouterDrop implements Counted {
    /** RFC 1812 §5.3.4: a datagram that came in a link-layer broadcast is not forwarded. */
    LINK_BROADCAST,
    /** No multicast routing here (RFC 1812 §5.2.1: only with a multicast routing protocol). */
    MULTICAST,
    /** Directed broadcast to another attached subnet: not forwarded, as Linux's default bc_forwarding=0 (RFC 2644). */
    DIRECTED_BROADCAST,
    /** RFC 1812 §5.3.7: source 0/8, 127/8, class E or broadcast. */
    MARTIAN_SOURCE,
    /** RFC 1812 §5.3.7: destination 0/8, 127/8 or class E. */
    MARTIAN_DESTINATION,
    /** RFC 1812 §5.2.7.1: no route (ICMP net unreachable). */
    NO_ROUTE,
    /** RFC 1812 §5.3.1: TTL would reach 0 (ICMP time exceeded). */
    TTL_EXCEEDED,
    /** RFC 1191 §4: DF set and larger than the next hop's MTU (ICMP fragmentation needed). */
    FRAGMENTATION_NEEDED,
    /** RFC 1812 §5.2.7.1: the next hop did not answer ARP (ICMP host unreachable). */
    HOST_UNREACHABLE,
    /** The outgoing port was down or its queue full. */
    TX_FAILED;

    private final String counterName = "forward.drop." + name().toLowerCase(Locale.ROOT);

    @Override public String counterName() { return counterName; }
}
