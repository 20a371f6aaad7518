package io.wirelab.bridge;

import io.wirelab.sim.WallClock;

/** A manual wall clock: a park jumps it by the whole park, so virtual time never depends on the machine's speed. */
final class JumpingClock implements WallClock {
    long now = 1_000_000_000L;

    @Override public long nanoTime() { return now; }
    @Override public void parkNanos(long nanos) { now += nanos; }
    @Override public void unpark(Thread thread) {}
}
