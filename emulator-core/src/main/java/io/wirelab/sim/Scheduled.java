package io.wirelab.sim;

/** One event in the simulator's queue. Cancelling is lazy: the queue skips it when its time comes. */
public final class Scheduled {
    private final long at;
    private final long seq;
    private final Runnable action;
    private final String label;
    private boolean cancelled;

    Scheduled(long at, long seq, Runnable action, String label) {
        this.at = at;
        this.seq = seq;
        this.action = action;
        this.label = label;
    }

    public long at() { return at; }
    long seq() { return seq; }
    Runnable action() { return action; }

    /** What this event is, for error messages: its label, else the class that scheduled it ("Ipv4Layer"). */
    public String describe() {
        if (label != null) return label;
        String n = action.getClass().getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) n = n.substring(0, lambda);
        return n.substring(n.lastIndexOf('.') + 1);
    }

    public void cancel() { cancelled = true; }
    public boolean isCancelled() { return cancelled; }
}
