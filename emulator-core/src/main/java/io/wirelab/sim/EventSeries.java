package io.wirelab.sim;

/**
 * Actions at non-decreasing times, each run exactly where an event scheduled with at() when it was
 * added would run (it takes its sequence number then), with one event object for the whole series:
 * only the first action waiting is in the event queue. For per-frame work a FIFO already orders in
 * time (a link's transmit starts), without an event object and a lambda per frame.
 * <p>
 * A lazy series puts nothing in the queue: its owner calls runDue() before anything may depend on
 * an action having run, and promises an event after each action's moment (a queued frame's own
 * arrival), so no run ends with an action left behind. runDue runs the actions whose moment has
 * passed, in their order, with the times and order the queued series would have given them.
 */
public final class EventSeries<T> {
    @FunctionalInterface
    public interface Action<T> {
        void run(T item, long at);
    }

    private final Simulator sim;
    private final Action<T> action;
    private final Scheduled event;
    private long[] times = new long[16];
    private long[] seqs = new long[16];
    private Object[] items = new Object[16];
    private int head;
    private int size;
    private boolean lazy;

    public EventSeries(Simulator sim, String label, Action<T> action) {
        this.sim = sim;
        this.action = action;
        this.event = sim.unscheduled(label, this::runFirst);
    }

    public int size() { return size; }

    public boolean isLazy() { return lazy; }

    /**
     * Lazy (see above) or queued. Going lazy takes the series' event out of the queue; going back runs
     * the actions that are due and queues the first one left.
     */
    public void setLazy(boolean lazy) {
        if (lazy == this.lazy) return;
        if (lazy) {
            event.cancel();
            this.lazy = true;
            return;
        }
        runDue();
        this.lazy = false;
        if (size > 0) sim.schedule(event, times[head], seqs[head]);
    }

    /** Runs, in order, every action of a lazy series whose moment (its time and sequence number) has passed. */
    @SuppressWarnings("unchecked")   // items holds only Ts, put there by add
    public void runDue() {
        while (lazy && size > 0 && sim.hasRun(times[head], seqs[head])) {
            long at = times[head];
            T item = (T) items[head];
            items[head] = null;
            head = (head + 1) & (times.length - 1);
            size--;
            action.run(item, at);
        }
    }

    /** Runs action(item, at) at virtual time at, in the order an event scheduled now would take. */
    public void add(long at, T item) {
        if (at < sim.now()) throw new IllegalArgumentException("cannot schedule in the past: " + at + " < " + sim.now());
        if (size > 0 && at < times[(head + size - 1) & (times.length - 1)])
            throw new IllegalArgumentException("a series runs in time order: " + at + " is before the last action");
        if (size == times.length) grow();
        int slot = (head + size) & (times.length - 1);
        times[slot] = at;
        seqs[slot] = sim.takeSequence();
        items[slot] = item;
        if (size++ == 0 && !lazy) sim.schedule(event, at, seqs[slot]);
    }

    @SuppressWarnings("unchecked")   // items holds only Ts, put there by add
    private void runFirst() {
        long at = times[head];
        T item = (T) items[head];
        items[head] = null;
        head = (head + 1) & (times.length - 1);
        if (--size > 0) sim.schedule(event, times[head], seqs[head]);   // before the action, so a failing one does not stall the rest
        action.run(item, at);
    }

    private void grow() {
        int n = 2 * times.length;
        long[] t = new long[n], q = new long[n];
        Object[] it = new Object[n];
        for (int k = 0; k < size; k++) {
            int from = (head + k) & (times.length - 1);
            t[k] = times[from];
            q[k] = seqs[from];
            it[k] = items[from];
        }
        times = t;
        seqs = q;
        items = it;
        head = 0;
    }
}
