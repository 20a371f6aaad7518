package io.wirelab.devices.l2;

import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning bridge's filtering database (IEEE 802.1D-2004 §7.9): MAC address -> port, each entry
 * removed once it has not been refreshed for the ageing time. Expiry is applied lazily when the
 * table is read, so aging costs no simulator events and an idle lab's clock is never pushed on.
 * Kept in a HashMap (a flood's every receiving switch learns its source: one lookup, not a tree's
 * walk); entries() sorts by MAC, so what is shown never depends on hash order.
 */
public final class MacTable {
    /** IEEE 802.1D-2004 §7.9.2, Table 7-5: recommended ageing time 300 s. */
    public static final long DEFAULT_AGING_NANOS = 300_000_000_000L;
    /** A current access switch's table size (16k entries); beyond it new stations are flooded to, not learned. */
    public static final int DEFAULT_CAPACITY = 16_384;

    /** One row as `show mac address-table` prints it: the port's interface name and how long since last seen. */
    public record Entry(MacAddress mac, String port, long ageNanos) {}

    private static final class Slot {
        int port;
        long lastSeenNanos;
        Slot(int port, long lastSeenNanos) { this.port = port; this.lastSeenNanos = lastSeenNanos; }
    }

    private final Simulator sim;
    private final List<String> portNames;
    private final int capacity;
    private final HashMap<MacAddress, Slot> slots = new HashMap<>();
    private long agingNanos;
    private long moves;
    private long notLearnedTableFull;

    MacTable(Simulator sim, List<String> portNames, long agingNanos, int capacity) {
        if (agingNanos <= 0) throw new IllegalArgumentException("aging time must be positive");
        this.sim = sim;
        this.portNames = List.copyOf(portNames);
        this.agingNanos = agingNanos;
        this.capacity = capacity;
    }

    public long agingNanos() { return agingNanos; }
    public void setAgingNanos(long agingNanos) {
        if (agingNanos <= 0) throw new IllegalArgumentException("aging time must be positive");
        this.agingNanos = agingNanos;
    }

    /** Times a known address showed up on a different port (a station moved, or a loop). */
    public long moves() { return moves; }
    public long notLearnedTableFull() { return notLearnedTableFull; }
    public int capacity() { return capacity; }

    /** §7.8: record that mac was seen as a source on port at now. */
    void learn(MacAddress mac, int port, long now) {
        Slot s = slots.get(mac);
        if (s != null && expired(s, now)) { slots.remove(mac); s = null; }
        if (s == null) {
            if (slots.size() >= capacity) purge(now);
            if (slots.size() >= capacity) { notLearnedTableFull++; return; }
            slots.put(mac, new Slot(port, now));
            return;
        }
        if (s.port != port) { s.port = port; moves++; }
        s.lastSeenNanos = now;
    }

    /** §7.7.1: the port for a unicast destination, or -1 when unknown or aged out. */
    int lookup(MacAddress mac, long now) {
        Slot s = slots.get(mac);
        if (s == null) return -1;
        if (expired(s, now)) { slots.remove(mac); return -1; }
        return s.port;
    }

    /** The port name an address is on now, or null. */
    public String portOf(MacAddress mac) {
        int p = lookup(mac, sim.now());
        return p < 0 ? null : portNames.get(p);
    }

    /** Live entries in MAC order, with their age at the current virtual time. */
    public List<Entry> entries() {
        long now = sim.now();
        purge(now);
        List<Entry> out = new ArrayList<>(slots.size());
        for (Map.Entry<MacAddress, Slot> e : slots.entrySet())
            out.add(new Entry(e.getKey(), portNames.get(e.getValue().port), now - e.getValue().lastSeenNanos));
        out.sort(Comparator.comparing(Entry::mac));
        return out;
    }

    public int size() { purge(sim.now()); return slots.size(); }

    /** Forgets every address (like `clear mac address-table dynamic`). */
    public void clear() { slots.clear(); }

    private boolean expired(Slot s, long now) { return now - s.lastSeenNanos >= agingNanos; }

    private void purge(long now) { slots.values().removeIf(s -> expired(s, now)); }
}
