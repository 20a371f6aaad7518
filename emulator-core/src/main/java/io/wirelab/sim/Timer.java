package io.wirelab.sim;

import java.util.function.LongConsumer;

/**
 * A re-armable timer: one pending deadline at most. Setting a new deadline replaces the old one,
 * so a protocol keeps its deadlines as data and points this timer at the earliest. The timer keeps
 * one event for its whole life: a new deadline moves it in the queue, or puts it back after it ran
 * or was cancelled, in the order a newly scheduled event would take.
 */
public final class Timer {
    public static final long NEVER = Long.MAX_VALUE;

    private final Simulator sim;
    private final LongConsumer onFire;
    private Scheduled event;
    private boolean armed;

    Timer(Simulator sim, LongConsumer onFire) {
        this.sim = sim;
        this.onFire = onFire;
    }

    /** Fires onFire(now) at deadline; NEVER disarms. A deadline in the past fires at the current time. */
    public void setDeadline(long deadline) {
        if (armed && event.at() == deadline) return;
        if (deadline == NEVER) { cancel(); return; }
        long at = Math.max(deadline, sim.now());
        if (event == null) event = sim.at(at, this::fire);
        else sim.reschedule(event, at);
        armed = true;
    }

    private void fire() {
        armed = false;
        onFire.accept(sim.now());
    }

    public void cancel() {
        if (armed) event.cancel();
        armed = false;
    }

    public boolean isArmed() { return armed; }

    public long deadline() { return armed ? event.at() : NEVER; }
}
