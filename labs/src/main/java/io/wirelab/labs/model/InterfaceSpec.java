package io.wirelab.labs.model;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.List;

/**
 * One network interface of a node. A host interface has a static address, asks DHCP, or stays
 * unconfigured (address null, dhcp false). The MAC is always set: given in the file or assigned
 * by the reader as 02:00:00:00:NN:II (node number, interface number). Switch ports have neither.
 * dhcpRelay: on a router, the DHCP servers it relays this interface's clients to (empty: no relay).
 */
public record InterfaceSpec(String name, Ipv4Cidr address, boolean dhcp, MacAddress mac, List<Ipv4Address> dhcpRelay) {
    public InterfaceSpec {
        if (address != null && dhcp) throw new IllegalArgumentException(name + ": a static address and dhcp exclude each other");
        dhcpRelay = dhcpRelay == null ? List.of() : List.copyOf(dhcpRelay);
    }

    public InterfaceSpec(String name, Ipv4Cidr address, boolean dhcp, MacAddress mac) { this(name, address, dhcp, mac, List.of()); }

    public boolean isStatic() { return address != null; }
}
