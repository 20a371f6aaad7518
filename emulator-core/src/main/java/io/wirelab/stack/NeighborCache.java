package io.wirelab.stack;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Timer;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ARP cache of one stack: entries keyed by (interface, address) with their state, deadline
 * timer and queue of frames waiting for resolution. ArpLayer drives the transitions.
 * Timing constants are Linux's defaults (net.ipv4.neigh.default.*).
 */
public final class NeighborCache {
    /** Linux base_reachable_time: 30 s. DEVIATION(none in RFC): fixed, not randomized to 15..45 s, so runs read easily. */
    public static final long REACHABLE_NANOS = SimTime.seconds(30);
    /** Linux gc_stale_time: an unused STALE entry is removed after 60 s. */
    public static final long STALE_EXPIRE_NANOS = SimTime.seconds(60);
    /** Linux delay_first_probe_time: 5 s in DELAY before unicast probing (RFC 4861 §10 DELAY_FIRST_PROBE_TIME). */
    public static final long DELAY_NANOS = SimTime.seconds(5);
    /** Linux retrans_time: 1 s between requests (RFC 1122 §2.3.2.1: at most one per second). */
    public static final long RETRANSMIT_NANOS = SimTime.seconds(1);
    /** Linux mcast_solicit / ucast_solicit: 3 requests before giving up. */
    public static final int MAX_REQUESTS = 3;
    /** Linux unres_qlen: packets held per unresolved neighbor (RFC 1122 §2.3.2.2 SHOULD queue at least one). */
    public static final int MAX_QUEUED = 101;

    /** One entry; mutable, owned by ArpLayer. */
    static final class Neighbor {
        final NetInterface iface;
        final Ipv4Address address;
        final Timer timer;
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        MacAddress mac;
        NeighborState state;
        long sinceNanos;
        int requestsSent;

        Neighbor(NetInterface iface, Ipv4Address address, Timer timer) {
            this.iface = iface;
            this.address = address;
            this.timer = timer;
        }
    }

    private record Key(NetInterface iface, Ipv4Address address) {
        // written out, as the record's generated ones (same values) run through method handles, slowly without C2
        @Override public boolean equals(Object o) { return o instanceof Key k && k.iface == iface && java.util.Objects.equals(k.address, address); }
        @Override public int hashCode() { return 31 * System.identityHashCode(iface) + java.util.Objects.hashCode(address); }
    }

    private final Map<Key, Neighbor> entries = new LinkedHashMap<>();
    /** A counting Bloom filter of the entries' addresses (one bit per 64 hash buckets), for FloodSieve. */
    private final AddressBloom addresses = new AddressBloom();
    private Neighbor lastFound;                                // the entry of the last lookup: a flow asks for one many times

    Neighbor get(NetInterface iface, Ipv4Address address) {
        Neighbor last = lastFound;
        if (last != null && last.iface == iface && last.address.equals(address)) return last;
        Neighbor n = entries.get(new Key(iface, address));
        if (n != null) lastFound = n;
        return n;
    }

    void put(Neighbor n) {
        lastFound = null;
        if (entries.put(new Key(n.iface, n.address), n) == null) addresses.add(n.address.bits());
    }

    void remove(Neighbor n) {
        if (lastFound == n) lastFound = null;
        n.timer.cancel();
        if (entries.remove(new Key(n.iface, n.address)) != null) addresses.remove(n.address.bits());
    }

    /** The entries' addresses (of every interface): mayHold() is false for an address no entry has. */
    AddressBloom addresses() { return addresses; }

    /** All entries, sorted by interface then address. */
    public List<NeighborEntry> entries() {
        List<NeighborEntry> out = new ArrayList<>();
        for (Neighbor n : entries.values())
            out.add(new NeighborEntry(n.iface.name(), n.address, n.mac, n.state, n.sinceNanos, n.queue.size()));
        Collections.sort(out);
        return out;
    }

    List<Neighbor> all() { return new ArrayList<>(entries.values()); }

    public int size() { return entries.size(); }
}
