package io.wirelab.devices.dhcp;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lease table of one pool. Expiry is lazy: a lease whose expiresAtNanos has passed no longer
 * holds its address, and the address goes back into circulation (RFC 2131 §4.3.1 order of choice).
 */
public final class LeasePool {
    private final DhcpPoolConfig config;
    private final TreeMap<Ipv4Address, Lease> byAddress = new TreeMap<>();
    /** The addresses of each client's rows, in address order. */
    private final Map<String, TreeSet<Ipv4Address>> byClient = new HashMap<>();
    /** Offset in the range below which every address has a row or is reserved: rows are never removed, so it only grows. */
    private int neverUsedFrom;

    public LeasePool(DhcpPoolConfig config) { this.config = config; }

    public DhcpPoolConfig config() { return config; }

    /** Every lease row ever created, by address (expired rows stay, as in dnsmasq's lease memory). */
    public List<Lease> leases() { return List.copyOf(byAddress.values()); }

    public Lease lease(Ipv4Address a) { return byAddress.get(a); }

    /** The client's row, preferring one that still holds its address. */
    public Lease findByClient(String clientKey) {
        Set<Ipv4Address> rows = byClient.get(clientKey);
        if (rows == null) return null;
        Lease best = null;
        for (Ipv4Address a : rows) {
            Lease l = byAddress.get(a);
            if (l.state() == Lease.State.DECLINED) continue;
            if (best == null || l.expiresAtNanos() > best.expiresAtNanos()) best = l;
        }
        return best;
    }

    public boolean inRange(Ipv4Address a) {
        return a.compareTo(config.rangeFirst()) >= 0 && a.compareTo(config.rangeLast()) <= 0;
    }

    private boolean reservedForOther(Ipv4Address a, MacAddress mac) {
        for (Map.Entry<MacAddress, Ipv4Address> e : config.reservations().entrySet())
            if (e.getValue().equals(a) && !e.getKey().equals(mac)) return true;
        return false;
    }

    /** Whether the client (mac null when not Ethernet) may have address a now: in range or reserved for it, not held by anyone else. */
    public boolean availableFor(Ipv4Address a, String clientKey, MacAddress mac, long now) {
        // reservations are by MAC; a non-Ethernet client (mac null, RFC 2131 §4.2 client identifier) has none
        boolean reservedHere = mac != null && a.equals(config.reservations().get(mac));
        if (!reservedHere && (!inRange(a) || reservedForOther(a, mac))) return false;
        Lease l = byAddress.get(a);
        return l == null || !l.holds(now) || (l.clientKey().equals(clientKey) && l.state() != Lease.State.DECLINED);
    }

    /**
     * RFC 2131 §4.3.1: the client's current or previous address, else the requested address if
     * available, else a free one (never used first, then the longest expired). Reservations win.
     * Returns null when the pool is exhausted.
     */
    public Ipv4Address choose(String clientKey, MacAddress mac, Ipv4Address requested, long now) {
        Ipv4Address reserved = mac == null ? null : config.reservations().get(mac);
        if (reserved != null) return availableFor(reserved, clientKey, mac, now) ? reserved : null;
        Lease mine = findByClient(clientKey);
        if (mine != null && availableFor(mine.address(), clientKey, mac, now)) return mine.address();
        if (requested != null && availableFor(requested, clientKey, mac, now)) return requested;
        for (; neverUsedFrom < config.size(); neverUsedFrom++) {
            Ipv4Address a = new Ipv4Address(config.rangeFirst().bits() + neverUsedFrom);
            if (!byAddress.containsKey(a) && !reservedForOther(a, mac)) return a;   // a reserved address is another's: mac's own returned above
        }
        Ipv4Address oldest = null;
        long oldestExpiry = Long.MAX_VALUE;
        for (int bits = config.rangeFirst().bits(); ; bits++) {
            Ipv4Address a = new Ipv4Address(bits);
            if (!reservedForOther(a, mac)) {
                Lease l = byAddress.get(a);
                if (l != null && !l.holds(now) && l.expiresAtNanos() < oldestExpiry) { oldest = a; oldestExpiry = l.expiresAtNanos(); }
            }
            if (bits == config.rangeLast().bits()) break;
        }
        return oldest;
    }

    /** Records an offer held for holdNanos (RFC 2131 §4.3.1 "reserve"). */
    public Lease offer(Ipv4Address a, String clientKey, MacAddress mac, String hostName, long now, long holdNanos) {
        return put(new Lease(a, mac, clientKey, hostName, Lease.State.OFFERED, now, now + holdNanos));
    }

    public Lease bind(Ipv4Address a, String clientKey, MacAddress mac, String hostName, long now, long leaseNanos) {
        return put(new Lease(a, mac, clientKey, hostName, Lease.State.BOUND, now, now + leaseNanos));
    }

    /** RFC 2131 §4.3.4: the address is free again; the row remembers the client for reuse. */
    public void release(Ipv4Address a, long now) {
        Lease l = byAddress.get(a);
        if (l != null) put(l.with(Lease.State.RELEASED, now, now));
    }

    /** RFC 2131 §4.3.3: mark the address unusable for quarantineNanos. */
    public void decline(Ipv4Address a, long now, long quarantineNanos) {
        Lease l = byAddress.get(a);
        MacAddress mac = l == null ? null : l.mac();
        String key = l == null ? "" : l.clientKey();
        put(new Lease(a, mac, key, null, Lease.State.DECLINED, now, now + quarantineNanos));
    }

    private Lease put(Lease l) {
        Lease old = byAddress.put(l.address(), l);
        if (old != null && !old.clientKey().equals(l.clientKey())) {
            Set<Ipv4Address> theirs = byClient.get(old.clientKey());
            theirs.remove(l.address());
            if (theirs.isEmpty()) byClient.remove(old.clientKey());
        }
        byClient.computeIfAbsent(l.clientKey(), k -> new TreeSet<>()).add(l.address());
        return l;
    }

    /** Leases holding their address at now, sorted by address. */
    public List<Lease> active(long now) {
        List<Lease> out = new ArrayList<>();
        for (Lease l : byAddress.values()) if (l.isBound(now)) out.add(l);
        return out;
    }
}
