package io.wirelab.sim;

/** One event in the simulator's queue. Cancelling is lazy: the queue skips it when its time comes. */
public final class Scheduled {
    private final long at;
    private final long seq;
    private final Runnable action;
    private boolean cancelled;

    Scheduled(long at, long seq, Runnable action) {
        this.at = at;
        this.seq = seq;
        this.action = action;
    }

    public long at() { return at; }
    long seq() { return seq; }
    Runnable action() { return action; }

    public void cancel() { cancelled = true; }
    public boolean isCancelled() { return cancelled; }
}
