package io.wirelab.stack;

import io.wirelab.trace.Counted;

import java.util.Locale;

/** Things a stack counts that are not drops. counterName() e.g. "arp.tx.request". */
public enum StackEvent implements Counted {
    ETHERNET_RX, ETHERNET_TX,
    ARP_RX_REQUEST, ARP_RX_REPLY, ARP_TX_REQUEST, ARP_TX_REPLY,
    IPV4_RX, IPV4_RX_DELIVERED, IPV4_RX_FRAGMENT, IPV4_RX_REASSEMBLED, IPV4_TX, IPV4_TX_FRAGMENT,
    ICMP_RX, ICMP_TX, ICMP_TX_ECHO_REPLY, ICMP_TX_ERROR, ICMP_RX_ERROR,
    UDP_RX, UDP_TX, UDP_TX_PORT_UNREACHABLE;

    private final String counterName;

    StackEvent() {
        String n = name().toLowerCase(Locale.ROOT);
        int first = n.indexOf('_');
        String rest = n.substring(first + 1);
        int second = rest.indexOf('_');
        counterName = n.substring(0, first) + "." + (second < 0 ? rest : rest.substring(0, second) + "." + rest.substring(second + 1));
    }

    @Override public String counterName() { return counterName; }
}
