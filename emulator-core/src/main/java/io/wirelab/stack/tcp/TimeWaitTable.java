package io.wirelab.stack.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer's TIME-WAIT records by 4-tuple: open addressing with linear probing in one array of the
 * records themselves (no entry object per record, no chains), at most half full, deletion by shifting
 * back. A busy server holds tens of thousands for a minute each; a young collection then copies one
 * object fewer per record, and an insertion marks one slot of the array dirty instead of a chained entry.
 */
final class TimeWaitTable {
    private TimeWait[] slots = new TimeWait[16];
    private int size;

    int size() { return size; }

    TimeWait get(TcpLayer.Key k) { return get(k.localAddress(), k.localPort(), k.remoteAddress(), k.remotePort()); }

    TimeWait get(int localAddress, int localPort, int remoteAddress, int remotePort) {
        int mask = slots.length - 1;
        for (int i = slot(localAddress, localPort, remoteAddress, remotePort, mask); ; i = (i + 1) & mask) {
            TimeWait tw = slots[i];
            if (tw == null || tw.holds(localAddress, localPort, remoteAddress, remotePort)) return tw;
        }
    }

    /** Adds tw, in place of a record of the same 4-tuple if there is one. */
    void put(TimeWait tw) {
        if (2 * (size + 1) > slots.length) grow();
        int mask = slots.length - 1;
        for (int i = slot(tw, mask); ; i = (i + 1) & mask) {
            TimeWait at = slots[i];
            if (at == null) { slots[i] = tw; size++; return; }
            if (at.holds(tw.localAddress, tw.localPort, tw.remoteAddress, tw.remotePort)) { slots[i] = tw; return; }
        }
    }

    /** Removes tw itself (not another record of its 4-tuple). */
    void remove(TimeWait tw) {
        int mask = slots.length - 1;
        int i = slot(tw, mask);
        while (slots[i] != null && slots[i] != tw) i = (i + 1) & mask;
        if (slots[i] == null) return;
        slots[i] = null;
        size--;
        // shift back the records after it in the run that no longer reach their slot past the gap
        for (int gap = i, j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slot(slots[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                slots[j] = null;
                gap = j;
            }
        }
    }

    /** Every record, in no particular order. */
    List<TimeWait> all() {
        List<TimeWait> out = new ArrayList<>(size);
        for (TimeWait tw : slots) if (tw != null) out.add(tw);
        return out;
    }

    private void grow() {
        TimeWait[] old = slots;
        slots = new TimeWait[2 * old.length];
        int mask = slots.length - 1;
        for (TimeWait tw : old) {
            if (tw == null) continue;
            int i = slot(tw, mask);
            while (slots[i] != null) i = (i + 1) & mask;
            slots[i] = tw;
        }
    }

    private static int slot(TimeWait tw, int mask) { return slot(tw.localAddress, tw.localPort, tw.remoteAddress, tw.remotePort, mask); }

    private static int slot(int localAddress, int localPort, int remoteAddress, int remotePort, int mask) {
        int h = ((localAddress * 31 + localPort) * 31 + remoteAddress) * 31 + remotePort;
        h *= 0x9E3779B9;                                       // Fibonacci hashing: the high bits mix every field
        return (h ^ (h >>> 16)) & mask;
    }
}
