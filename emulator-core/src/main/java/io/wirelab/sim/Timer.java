package io.wirelab.sim;

import java.util.function.LongConsumer;

/**
 * A re-armable timer: one pending deadline at most. Setting a new deadline replaces the old one,
 * so a protocol keeps its deadlines as data and points this timer at the earliest.
 */
public final class Timer {
    public static final long NEVER = Long.MAX_VALUE;

    private final Simulator sim;
    private final LongConsumer onFire;
    /** One action for every deadline: a replaced deadline's event is cancelled, so only the pending one runs. */
    private final Runnable fire = this::fire;
    private Scheduled pending;

    Timer(Simulator sim, LongConsumer onFire) {
        this.sim = sim;
        this.onFire = onFire;
    }

    /** Fires onFire(now) at deadline; NEVER disarms. A deadline in the past fires at the current time. */
    public void setDeadline(long deadline) {
        if (pending != null && !pending.isCancelled() && pending.at() == deadline) return;
        if (deadline == NEVER) { cancel(); return; }
        if (pending != null && !pending.isCancelled()) sim.reschedule(pending, Math.max(deadline, sim.now()));
        else pending = sim.at(Math.max(deadline, sim.now()), fire);
    }

    private void fire() {
        pending = null;
        onFire.accept(sim.now());
    }

    public void cancel() {
        if (pending != null) pending.cancel();
        pending = null;
    }

    public boolean isArmed() { return pending != null && !pending.isCancelled(); }

    public long deadline() { return isArmed() ? pending.at() : NEVER; }
}
