package io.wirelab.link;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.Simulator;

import java.util.List;

/**
 * A switch's flood: one frame out of every port but the one it came in on. For a plain port (up, no
 * capture at either end of its link, a link without loss, duplication, reordering, corruption or
 * jitter, whose transmitter is idle) the link's state, the port's counts and its receiver's flood
 * filter live here in arrays indexed by port (FloodRows), so a flood to N such ports is one pass over
 * the arrays instead of N object graphs: the same start, end and arrival times, counters and event
 * order as the per-port path (Port.transmit, Link, Port.deliver), which every other port still takes.
 */
public final class FloodFanout {
    private final Port[] ports;
    private final Port[] peers;
    private final Simulator sim;
    private final FloodBatch batch;
    private final boolean[] plain;
    private final long[] bandwidth;
    private final long[] delay;
    private final int[] mtu;
    final long[] transmitterFreeAt;   // the bound link directions' state (Link.Direction reads it here)
    final long[] lastArrival;
    final long[] txFrames, txBytes;   // counted here for the ports' PortCounters
    final long[] rxFrames, rxBytes;   // counted here for the peers' PortCounters
    private final long[] flooded;
    private final RowFloodFilter[] rowFilters;
    private FloodRows rows;
    private long sharedPathSends;
    private boolean perPortOnly;
    private boolean stale = true;
    private long version;

    public FloodFanout(Simulator sim, List<Port> ports, String label) {
        int n = ports.size();
        this.sim = sim;
        this.ports = ports.toArray(new Port[0]);
        this.peers = new Port[n];
        this.batch = new FloodBatch(sim, label, this);
        plain = new boolean[n];
        bandwidth = new long[n];
        delay = new long[n];
        mtu = new int[n];
        transmitterFreeAt = new long[n];
        lastArrival = new long[n];
        txFrames = new long[n];
        txBytes = new long[n];
        rxFrames = new long[n];
        rxBytes = new long[n];
        flooded = new long[n];
        rowFilters = new RowFloodFilter[n];
        for (int i = 0; i < n; i++) this.ports[i].joined(this, i);
    }

    /** Frames flooded out of port i, per-port path included. */
    public long flooded(int i) { return flooded[i]; }

    /** Frames this fanout sent out of plain ports through its arrays rather than each port's own path. */
    public long sharedPathSends() { return sharedPathSends; }

    /** Every flood takes each port's own path (Port.transmit, Port.deliver): the reference the fast path is tested against. */
    public void setPerPortOnly(boolean perPortOnly) {
        this.perPortOnly = perPortOnly;
        changed();
    }

    /** Sends frame out of every port but ingress that is up, one event per distinct arrival time (FloodBatch). */
    public void flood(int ingress, Frame frame) {
        if (stale) refresh();
        long now = sim.now();
        int length = frame.length();
        boolean fast = !frame.fcsError();
        long serializedAt = -1, serialization = 0;
        batch.open();
        try {
            for (int i = 0; i < ports.length; i++) {
                if (i == ingress) continue;
                if (fast && plain[i] && transmitterFreeAt[i] <= now && length - 14 <= mtu[i]) {
                    frame.share();                     // a flood's receivers all hold it (as Port.transmit)
                    if (bandwidth[i] != serializedAt) {
                        serializedAt = bandwidth[i];
                        serialization = LinkParams.serializationNanos(serializedAt, length);
                    }
                    long end = now + serialization;
                    transmitterFreeAt[i] = end;
                    long arrival = Math.max(end + delay[i], lastArrival[i]);
                    lastArrival[i] = arrival;
                    txFrames[i]++;
                    txBytes[i] += length;
                    flooded[i]++;
                    sharedPathSends++;
                    batch.slotArrival(arrival, i, frame);
                } else if (ports[i].isUp() && ports[i].transmit(frame, batch)) {
                    flooded[i]++;
                }
            }
        } finally {
            batch.schedule();
        }
    }

    long version() { return version; }

    /** A port, its link or its peer changed: deliveries sent before take the per-port path, the next flood looks again. */
    void changed() {
        stale = true;
        version++;
    }

    /** The arrival of a flood's frame at slot's peer (sent when the fanout's version was sentVersion). */
    void deliver(int slot, Frame frame, SharedFrame shared, long sentVersion) {
        Port peer = peers[slot];
        if (sentVersion != version || rowFilters[slot] == null) { peer.deliver(frame, shared); return; }
        if (rows.countedAndDropped(slot, shared)) {
            rxFrames[slot]++;
            rxBytes[slot] += frame.length();
            return;
        }
        peer.deliver(frame, null);   // the filter let it through: the receiver's full path, without asking again
    }

    private void refresh() {
        stale = false;
        for (int i = 0; i < ports.length; i++) {
            Port port = ports[i];
            Link link = port.link();
            plain[i] = false;
            if (link == null) continue;
            if (peers[i] == null) {
                peers[i] = link.peerOf(port);
                link.bind(port, this, i);
                peers[i].counters().receivesFrom(this, i);
            }
            Port peer = peers[i];
            LinkParams params = link.params(port);
            plain[i] = !perPortOnly && port.isUp() && !port.hasTaps() && params.unimpaired() && peer.isAdminUp() && !peer.hasTaps();
            bandwidth[i] = params.bandwidthBitsPerSecond();
            delay[i] = params.delayNanos();
            mtu[i] = params.mtu();
            bindRow(i, !perPortOnly && peer.floodFilter() instanceof RowFloodFilter f ? f : null);
        }
    }

    private void bindRow(int i, RowFloodFilter filter) {
        if (rowFilters[i] == filter) return;
        if (rowFilters[i] != null) rowFilters[i].bind(null, -1);
        rowFilters[i] = null;
        if (filter == null) return;
        if (rows == null) rows = filter.newRows(ports.length);
        if (filter.bind(rows, i)) rowFilters[i] = filter;
    }
}
