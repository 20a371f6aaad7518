package io.wirelab.sim;

import java.util.Arrays;

/**
 * The simulator's pending events: a 4-ary min-heap ordered by (time, sequence), so events at equal
 * times leave in the order they were scheduled. Four children per node halve the depth a poll sifts
 * down (the keys of siblings sit side by side in memory), for one more comparison per level. The keys live in primitive arrays next to the events,
 * so sifting compares longs without a comparator call or a pointer chase per comparison. Each event
 * knows its slot, so a cancelled event leaves the heap at once and frees what its action holds.
 */
final class EventQueue {
    private long[] at = new long[64];
    private long[] seq = new long[64];
    private Scheduled[] events = new Scheduled[64];
    private int size;

    int size() { return size; }
    boolean isEmpty() { return size == 0; }

    Scheduled peek() { return size == 0 ? null : events[0]; }

    void add(Scheduled s) {
        if (size == events.length) grow();
        siftUp(size++, s.at(), s.seq(), s);
    }

    Scheduled poll() {
        if (size == 0) return null;
        Scheduled first = events[0];
        removeAt(0);
        return first;
    }

    /** Takes s out of the queue if it is still in it. */
    void remove(Scheduled s) {
        int k = s.slot();
        if (k >= 0 && k < size && events[k] == s) removeAt(k);
    }

    /** Moves s, which is in the queue, to (t, q): as remove(s) and adding it anew, without the second sift. */
    void reschedule(Scheduled s, long t, long q) {
        int k = s.slot();
        s.setKey(t, q);
        siftDown(k, t, q, s);
        if (events[k] == s) siftUp(k, t, q, s);
    }

    private void removeAt(int k) {
        events[k].setSlot(-1);
        int last = --size;
        long lastAt = at[last], lastSeq = seq[last];
        Scheduled lastEvent = events[last];
        events[last] = null;
        if (k == last) return;
        siftDown(k, lastAt, lastSeq, lastEvent);
        if (events[k] == lastEvent) siftUp(k, lastAt, lastSeq, lastEvent);
    }

    private static boolean before(long at1, long seq1, long at2, long seq2) {
        return at1 < at2 || (at1 == at2 && seq1 < seq2);
    }

    private void siftUp(int k, long t, long q, Scheduled s) {
        while (k > 0) {
            int parent = (k - 1) >>> 2;
            if (!before(t, q, at[parent], seq[parent])) break;
            place(k, at[parent], seq[parent], events[parent]);
            k = parent;
        }
        place(k, t, q, s);
    }

    private void siftDown(int k, long t, long q, Scheduled s) {
        while (true) {
            int first = 4 * k + 1;
            if (first >= size) break;
            int child = first, last = Math.min(first + 4, size);
            for (int c = first + 1; c < last; c++) if (before(at[c], seq[c], at[child], seq[child])) child = c;
            if (!before(at[child], seq[child], t, q)) break;
            place(k, at[child], seq[child], events[child]);
            k = child;
        }
        place(k, t, q, s);
    }

    private void place(int k, long t, long q, Scheduled s) {
        at[k] = t;
        seq[k] = q;
        events[k] = s;
        s.setSlot(k);
    }

    private void grow() {
        int n = events.length * 2;
        at = Arrays.copyOf(at, n);
        seq = Arrays.copyOf(seq, n);
        events = Arrays.copyOf(events, n);
    }
}
