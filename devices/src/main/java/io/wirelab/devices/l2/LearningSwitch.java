package io.wirelab.devices.l2;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.Device;
import io.wirelab.link.FloodFanout;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * A transparent learning bridge (IEEE 802.1D-2004 §7 / 802.1Q-2018 §8): learns source addresses per
 * port, forwards known unicast out the one port it was learned on, floods broadcast, multicast and
 * unknown unicast to every other port, and never sends a frame back out the port it came in on.
 * Ports are named "p1".."pN" ("sw1:p1" on the wire). Read first: §7.7 (forwarding), §7.8 (learning),
 * §7.9 (filtering database and ageing). Not modelled: spanning tree (labs reject loops at load time),
 * VLANs, and IGMP snooping (multicast is flooded).
 */
public final class LearningSwitch implements Device {
    /** Frames the switch throws away, by reason. */
    public enum Drop {
        /** Shorter than the 14-byte Ethernet header. */
        MALFORMED,
        /** Destination 01-80-C2-00-00-00..0F: link-local protocols a bridge must not forward. */
        RESERVED_GROUP_ADDRESS
    }

    private static final int ETHERNET_HEADER = 14;

    private final Simulator sim;
    private final String name;
    private final List<Port> ports;
    private final SwitchPortCounters[] counters;
    private final MacTable table;
    private final long[] drops = new long[Drop.values().length];
    private final FloodFanout fanout;
    private long processingLatencyNanos;

    public LearningSwitch(Simulator sim, String name, int portCount, long agingNanos) {
        this(sim, name, portCount, agingNanos, MacTable.DEFAULT_CAPACITY);
    }

    public LearningSwitch(Simulator sim, String name, int portCount, long agingNanos, int macTableSize) {
        if (portCount < 1) throw new IllegalArgumentException("a switch needs at least one port");
        this.sim = sim;
        this.name = name;
        List<Port> list = new ArrayList<>(portCount);
        List<String> names = new ArrayList<>(portCount);
        counters = new SwitchPortCounters[portCount];
        for (int i = 0; i < portCount; i++) {
            String iface = "p" + (i + 1);
            Port port = new Port(name + ":" + iface, sim);
            int index = i;
            port.attach((frame, now) -> receive(index, frame, now));
            list.add(port);
            names.add(iface);
        }
        this.ports = Collections.unmodifiableList(list);
        this.table = new MacTable(sim, names, agingNanos, macTableSize);
        this.fanout = new FloodFanout(sim, list, name + ": flood arrival");
        for (int i = 0; i < portCount; i++) counters[i] = new SwitchPortCounters(fanout, i);
    }

    public LearningSwitch(Simulator sim, String name, int portCount) {
        this(sim, name, portCount, MacTable.DEFAULT_AGING_NANOS);
    }

    @Override public String name() { return name; }
    @Override public String kind() { return "switch"; }
    @Override public List<Port> ports() { return ports; }

    @Override public Port port(String ifaceName) {
        int i = indexOf(ifaceName);
        return i < 0 ? null : ports.get(i);
    }

    public MacTable macTable() { return table; }
    public SwitchPortCounters counters(String ifaceName) {
        int i = indexOf(ifaceName);
        if (i < 0) throw new IllegalArgumentException(name + " has no port " + ifaceName);
        return counters[i];
    }
    public long drops(Drop reason) { return drops[reason.ordinal()]; }

    /**
     * The switch's own counters: mac_table.full (a new source not learned because the table was full,
     * so frames to it flood), mac_table.moves, and its drops by reason (drop.malformed, ...).
     */
    public SequencedMap<String, Long> counters() {
        SequencedMap<String, Long> out = new LinkedHashMap<>();
        out.put("mac_table.full", table.notLearnedTableFull());
        out.put("mac_table.moves", table.moves());
        for (Drop d : Drop.values()) out.put("drop." + d.name().toLowerCase(Locale.ROOT), drops[d.ordinal()]);
        return out;
    }

    /** Floods take each port's own path, not the shared one for plain ports (FloodFanout): for comparing the two. */
    public void setPerPortFlood(boolean perPort) { fanout.setPerPortOnly(perPort); }

    /** Frames flooded through the shared path for plain ports (FloodFanout.sharedPathSends). */
    public long sharedPathFloods() { return fanout.sharedPathSends(); }

    public long processingLatencyNanos() { return processingLatencyNanos; }
    /** Delay between a frame's arrival and its forwarding (store-and-forward lookup time). Default 0. */
    public void setProcessingLatencyNanos(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("negative latency");
        processingLatencyNanos = nanos;
    }

    private int indexOf(String ifaceName) {
        if (ifaceName == null || ifaceName.length() < 2 || ifaceName.charAt(0) != 'p') return -1;
        for (int i = 1; i < ifaceName.length(); i++) if (!Character.isDigit(ifaceName.charAt(i))) return -1;
        if (ifaceName.length() > 1 && ifaceName.charAt(1) == '0') return -1;
        try {
            int n = Integer.parseInt(ifaceName.substring(1));
            return n >= 1 && n <= ports.size() ? n - 1 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void receive(int ingress, Frame frame, long now) {
        counters[ingress].countRx();
        byte[] b = frame.bytes();
        if (b.length < ETHERNET_HEADER) { drops[Drop.MALFORMED.ordinal()]++; return; }
        MacAddress destination = MacAddress.read(b, 0);
        MacAddress source = MacAddress.read(b, 6);
        // 802.1D-2004 §7.8: learn from the source address; a group address is never a station's source.
        if (source.isUnicast()) table.learn(source, ingress, now);
        // 802.1D-2004 §7.12.6, Table 7-10: 01-80-C2-00-00-00..0F are never forwarded.
        if ((destination.bits() & ~0xfL) == 0x0180_C200_0000L) { drops[Drop.RESERVED_GROUP_ADDRESS.ordinal()]++; return; }
        if (processingLatencyNanos == 0) forward(ingress, destination, frame, now);
        else sim.after(processingLatencyNanos, () -> forward(ingress, destination, frame, sim.now()));
    }

    private void forward(int ingress, MacAddress destination, Frame frame, long now) {
        // §7.7.1: group addresses and unknown unicast go to every port but the ingress.
        int egress = destination.isUnicast() ? table.lookup(destination, now) : -1;
        if (egress < 0) { fanout.flood(ingress, frame); return; }
        // §7.7.1: a frame for a station on the port it came from is filtered.
        if (egress == ingress) { counters[ingress].countFiltered(); return; }
        send(egress, frame);
    }

    private void send(int egress, Frame frame) {
        if (ports.get(egress).transmit(frame)) counters[egress].countTx();
    }

    @Override public String toString() { return name + " (switch, " + ports.size() + " ports)"; }
}
