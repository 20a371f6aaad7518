package io.wirelab.sim;

/**
 * Timers of many small records that share one event: each record (an {@link Entry}) has at most one
 * deadline, set and cancelled as a {@link Timer}'s, and fires exactly where that Timer would (it takes
 * its sequence number when the deadline is set); only the earliest entry is in the event queue. A
 * record then costs four fields instead of a Timer, its event and two lambdas, which matters when
 * thousands of them live for a minute (TIME-WAIT records under a real client's load, each copied by
 * the young collections that find it). Entries are kept in (deadline, sequence) order in a linked
 * list; a deadline set now is usually the latest (TIME-WAIT's 2 MSL), so it goes in at the tail.
 */
public final class TimerList<T extends TimerList.Entry> {
    /** A record with one deadline in a TimerList. */
    public abstract static class Entry {
        long at = Timer.NEVER;           // package-private: the list reaches them through its type variable
        long seq;
        Entry prev, next;

        /** The pending deadline, or Timer.NEVER. */
        public final long deadline() { return at; }
    }

    @FunctionalInterface
    public interface Action<T> {
        void fire(T entry, long now);
    }

    private final Simulator sim;
    private final Action<T> action;
    private final Scheduled event;
    private Entry first, last;
    private int size;

    public TimerList(Simulator sim, String label, Action<T> action) {
        this.sim = sim;
        this.action = action;
        this.event = sim.unscheduled(label, this::fireFirst);
    }

    /** Entries with a pending deadline. */
    public int size() { return size; }

    /** As Timer.setDeadline: fires action(e, now) at deadline, in the order an event scheduled now would take; NEVER cancels. */
    public void setDeadline(T e, long deadline) {
        if (e.at != Timer.NEVER && e.at == deadline) return;
        if (deadline == Timer.NEVER) { cancel(e); return; }
        boolean wasFirst = first == e;
        if (e.at != Timer.NEVER) unlink(e);
        e.at = Math.max(deadline, sim.now());
        e.seq = sim.takeSequence();
        Entry before = last;                                  // the newest sequence number: after every entry due no later
        while (before != null && before.at > e.at) before = before.prev;
        link(e, before);
        if (wasFirst || first == e) requeue();
    }

    public void cancel(T e) {
        if (e.at == Timer.NEVER) return;
        boolean wasFirst = first == e;
        unlink(e);
        e.at = Timer.NEVER;
        if (wasFirst) requeue();
    }

    private void link(Entry e, Entry before) {
        e.prev = before;
        e.next = before == null ? first : before.next;
        if (e.next == null) last = e;
        else e.next.prev = e;
        if (before == null) first = e;
        else before.next = e;
        size++;
    }

    private void unlink(Entry e) {
        if (e.prev == null) first = e.next;
        else e.prev.next = e.next;
        if (e.next == null) last = e.prev;
        else e.next.prev = e.prev;
        e.prev = e.next = null;
        size--;
    }

    /** The shared event at the first entry's place in time, or out of the queue when there is none. */
    private void requeue() {
        event.cancel();
        if (first != null) sim.schedule(event, first.at, first.seq);
    }

    @SuppressWarnings("unchecked")   // only Ts are linked, by setDeadline
    private void fireFirst() {
        Entry e = first;
        unlink(e);
        e.at = Timer.NEVER;
        if (first != null) sim.schedule(event, first.at, first.seq);   // before the action, so a failing one does not stall the rest
        action.fire((T) e, sim.now());
    }
}
