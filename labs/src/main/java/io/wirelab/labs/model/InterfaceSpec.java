package io.wirelab.labs.model;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/**
 * One network interface of a node. A host interface has a static address, asks DHCP, or stays
 * unconfigured (address null, dhcp false). The MAC is always set: given in the file or assigned
 * by the reader as 02:00:00:00:NN:II (node number, interface number). Switch ports have neither.
 */
public record InterfaceSpec(String name, Ipv4Cidr address, boolean dhcp, MacAddress mac) {
    public InterfaceSpec {
        if (address != null && dhcp) throw new IllegalArgumentException(name + ": a static address and dhcp exclude each other");
    }

    public boolean isStatic() { return address != null; }
}
