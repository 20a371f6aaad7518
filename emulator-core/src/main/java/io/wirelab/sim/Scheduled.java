package io.wirelab.sim;

/** One event in the simulator's queue. Cancelling takes it out of the queue at once, so nothing keeps its action alive. */
public final class Scheduled {
    private long at;
    private long seq;
    private final Runnable action;
    private final String label;
    private final EventQueue queue;
    private int slot = -1;
    private boolean cancelled;

    Scheduled(long at, long seq, Runnable action, String label) { this(at, seq, action, label, null); }

    Scheduled(long at, long seq, Runnable action, String label, EventQueue queue) {
        this.at = at;
        this.seq = seq;
        this.action = action;
        this.label = label;
        this.queue = queue;
    }

    /** Index in the queue's heap, -1 when not queued. */
    int slot() { return slot; }
    void setSlot(int slot) { this.slot = slot; }

    public long at() { return at; }
    long seq() { return seq; }

    /** A new place in time; only the queue calls it, while it moves this event to match. */
    void setKey(long at, long seq) {
        this.at = at;
        this.seq = seq;
    }

    /** This event, out of the queue (run or cancelled), is about to go back in at a new place in time. */
    void requeue(long at, long seq) {
        setKey(at, seq);
        cancelled = false;
    }
    Runnable action() { return action; }

    /** What this event is, for error messages: its label, else the class that scheduled it ("Ipv4Layer"). */
    public String describe() {
        if (label != null) return label;
        String n = action.getClass().getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) n = n.substring(0, lambda);
        return n.substring(n.lastIndexOf('.') + 1);
    }

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        if (queue != null) queue.remove(this);
    }
    public boolean isCancelled() { return cancelled; }
}
