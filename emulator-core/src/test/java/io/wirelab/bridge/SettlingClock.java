package io.wirelab.bridge;

import io.wirelab.sim.WallClock;

import java.util.function.BooleanSupplier;

/**
 * A manual wall clock for a simulator fed by a capture thread: a park first waits until the outside
 * has settled (every offered frame handed to the simulator), then returns at once if that posted
 * work, else jumps the clock by the whole park. Virtual time then never depends on the machine's speed.
 */
final class SettlingClock implements WallClock {
    private final BooleanSupplier settled;
    private volatile long now;
    private volatile boolean woken;

    SettlingClock(BooleanSupplier settled) { this.settled = settled; }

    @Override public long nanoTime() { return now; }

    @Override public void parkNanos(long nanos) {
        while (!settled.getAsBoolean()) Thread.yield();
        if (woken) woken = false;
        else now += nanos;
    }

    @Override public void unpark(Thread thread) { woken = true; }
}
