package io.wirelab.stack;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

/** A snapshot of one ARP cache entry, like a line of `ip neigh`. mac is null while INCOMPLETE. */
public record NeighborEntry(String iface, Ipv4Address address, MacAddress mac, NeighborState state,
                            long sinceNanos, int queued) implements Comparable<NeighborEntry> {
    @Override public int compareTo(NeighborEntry o) {
        int c = iface.compareTo(o.iface);
        return c != 0 ? c : address.compareTo(o.address);
    }

    @Override public String toString() {
        return address + " dev " + iface + (mac == null ? "" : " lladdr " + mac) + " " + state;
    }
}
