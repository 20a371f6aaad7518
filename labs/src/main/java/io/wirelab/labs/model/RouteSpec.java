package io.wirelab.labs.model;

import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/** A static route of a host or router: datagrams for destination go to the gateway via (on a connected subnet). */
public record RouteSpec(Ipv4Cidr destination, Ipv4Address via) {
    @Override public String toString() {
        return (destination.prefixLength() == 0 ? "default" : destination.toString()) + " via " + via;
    }
}
