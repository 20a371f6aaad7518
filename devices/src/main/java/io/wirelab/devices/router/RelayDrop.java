package io.wirelab.devices.router;

import io.wirelab.trace.Counted;

import java.util.Locale;

/** Why the DHCP relay agent dropped a message, counted as "dhcp_relay.rx.drop.<reason>". */
public enum RelayDrop implements Counted {
    /** Not a BOOTP/DHCP message (wire/dhcp's checks). */
    MALFORMED,
    /** A client message on an interface the relay does not serve. */
    NOT_RELAYED_HERE,
    /** RFC 1542 §4.1.1: hops already at the limit. */
    TOO_MANY_HOPS,
    /** RFC 1542 §4.1.2: a reply whose giaddr is none of the router's addresses. */
    UNKNOWN_GIADDR,
    /** A reply that came in on a relayed interface, i.e. not from the server side. */
    REPLY_FROM_CLIENT_SIDE,
    /** No route to the server, or the client's interface could not send. */
    SEND_FAILED;

    private final String counterName = "dhcp_relay.rx.drop." + name().toLowerCase(Locale.ROOT);

    @Override public String counterName() { return counterName; }
}
