package io.wirelab.stack;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.ipv4.Ipv4View;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * IPv4 reassembly (RFC 791 §3.2 "reassembly", RFC 1122 §3.3.2). Fragments are keyed by
 * (source, destination, protocol, identification). Read first: offer().
 * DEVIATION(RFC 791 §3.2): overlapping fragments discard the whole datagram instead of being
 * merged, as Linux does since 4.19 (overlaps are an attack vector; RFC 5722 does the same for IPv6).
 */
public final class Ipv4Reassembly {
    /** Linux ipfrag_time: 30 s (RFC 1122 §3.3.2 suggests 60..120 s; RFC 791 an initial 15 s). */
    public static final long TIMEOUT_NANOS = SimTime.seconds(30);
    /** Datagrams in reassembly at once. */
    public static final int MAX_DATAGRAMS = 64;
    /** Bytes held across all of them (Linux ipfrag_high_thresh: 4 MiB). */
    public static final int MAX_BYTES = 4 << 20;

    /** Told when a datagram times out; firstFragment is the offset-0 fragment, or null if it never came. */
    @FunctionalInterface
    interface TimeoutListener { void onTimeout(NetInterface iface, byte[] firstFragment); }

    private record Key(int source, int destination, int protocol, int identification) {}

    private final class Pending {
        final Key key;
        final NetInterface iface;
        final Timer timer;
        final TreeMap<Integer, Integer> ranges = new TreeMap<>();   // start -> end of received data
        byte[] data = new byte[0];
        byte[] firstFragment;   // the whole offset-0 fragment, header included
        int total = -1;         // data length, known once the last fragment (MF = 0) arrived
        int held;

        Pending(Key key, NetInterface iface) {
            this.key = key;
            this.iface = iface;
            this.timer = sim.newTimer(now -> expire(this));
        }
    }

    private final Simulator sim;
    private final StackCounters counters;
    private final TimeoutListener onTimeout;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private int bytesHeld;

    Ipv4Reassembly(Simulator sim, StackCounters counters, TimeoutListener onTimeout) {
        this.sim = sim;
        this.counters = counters;
        this.onTimeout = onTimeout;
    }

    public int inProgress() { return pending.size(); }

    /**
     * Takes one validated fragment. Returns the whole datagram (header with MF and offset cleared,
     * checksum recomputed) when this fragment completes it, otherwise null.
     */
    byte[] offer(NetInterface iface, Ipv4View f) {
        counters.count(StackEvent.IPV4_RX_FRAGMENT);
        int start = f.fragmentOffset() * 8;
        int len = f.payloadLength();
        int end = start + len;
        // RFC 791 §3.2: every fragment but the last carries a multiple of 8 data octets.
        if (f.moreFragments() && (len == 0 || (len & 7) != 0)) { counters.drop(Ipv4Drop.FRAGMENT_BAD_LENGTH); return null; }
        Key key = new Key(f.sourceBits(), f.destinationBits(), f.protocolValue(), f.identification());
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_DATAGRAMS || bytesHeld + len > MAX_BYTES) { counters.drop(Ipv4Drop.REASSEMBLY_LIMIT); return null; }
            p = new Pending(key, iface);
            pending.put(key, p);
            p.timer.setDeadline(sim.now() + TIMEOUT_NANOS);   // RFC 791 §3.2: timer starts with the first fragment
        }
        if (!f.moreFragments()) {
            boolean beyond = !p.ranges.isEmpty() && p.ranges.lastEntry().getValue() > end;
            if ((p.total >= 0 && p.total != end) || beyond) { discard(p, Ipv4Drop.FRAGMENT_INCONSISTENT); return null; }
            p.total = end;
        } else if (p.total >= 0 && end > p.total) { discard(p, Ipv4Drop.FRAGMENT_INCONSISTENT); return null; }

        Map.Entry<Integer, Integer> before = p.ranges.floorEntry(start);
        if (before != null && before.getKey() == start && before.getValue() == end) { counters.drop(Ipv4Drop.FRAGMENT_DUPLICATE); return null; }
        Map.Entry<Integer, Integer> after = p.ranges.ceilingEntry(start);
        if ((before != null && before.getValue() > start) || (after != null && after.getKey() < end)) {
            discard(p, Ipv4Drop.FRAGMENT_OVERLAP);
            return null;
        }
        if (bytesHeld + len > MAX_BYTES) { discard(p, Ipv4Drop.REASSEMBLY_LIMIT); return null; }

        if (p.data.length < end) p.data = Arrays.copyOf(p.data, Math.max(end, Math.min(0xffff, p.data.length * 2)));
        System.arraycopy(f.bytes(), f.payloadOffset(), p.data, start, len);
        if (len > 0) p.ranges.put(start, end);
        p.held += len;
        bytesHeld += len;
        if (start == 0) p.firstFragment = Arrays.copyOfRange(f.bytes(), f.offset(), f.offset() + f.totalLength());
        return complete(p);
    }

    private byte[] complete(Pending p) {
        if (p.total < 0 || p.firstFragment == null) return null;
        int covered = 0;
        for (Map.Entry<Integer, Integer> r : p.ranges.entrySet()) {
            if (r.getKey() != covered) return null;
            covered = r.getValue();
        }
        if (covered != p.total) return null;
        remove(p);
        int ihl = (p.firstFragment[0] & 0x0f) * 4;
        if (ihl + p.total > Ipv4Header.MAX_DATAGRAM) { counters.drop(Ipv4Drop.REASSEMBLED_TOO_BIG); return null; }
        byte[] d = new byte[ihl + p.total];
        System.arraycopy(p.firstFragment, 0, d, 0, ihl);
        System.arraycopy(p.data, 0, d, ihl, p.total);
        Bytes.put16(d, 2, d.length);
        Bytes.put16(d, 6, Bytes.u16(d, 6) & 0x4000);   // keep DF, clear MF and the offset
        Bytes.put16(d, 10, 0);
        Bytes.put16(d, 10, Checksum.fold(d, 0, ihl));
        counters.count(StackEvent.IPV4_RX_REASSEMBLED);
        return d;
    }

    private void expire(Pending p) {
        remove(p);
        counters.drop(Ipv4Drop.REASSEMBLY_TIMEOUT);
        onTimeout.onTimeout(p.iface, p.firstFragment);
    }

    private void discard(Pending p, Ipv4Drop why) {
        remove(p);
        counters.drop(why);
    }

    private void remove(Pending p) {
        p.timer.cancel();
        pending.remove(p.key);
        bytesHeld -= p.held;
    }
}
