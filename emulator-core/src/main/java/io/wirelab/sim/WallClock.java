package io.wirelab.sim;

import java.util.concurrent.locks.LockSupport;

/** The wall clock a real-time simulator paces itself to; tests substitute a manual one. */
public interface WallClock {
    /** A monotonic nanosecond reading, like System.nanoTime(). */
    long nanoTime();

    /** Blocks the calling thread for up to nanos, returning early when unpark(thread) is called. */
    void parkNanos(long nanos);

    /** Ends a parkNanos of thread (or makes its next one return at once). */
    void unpark(Thread thread);

    WallClock SYSTEM = new WallClock() {
        @Override public long nanoTime() { return System.nanoTime(); }
        @Override public void parkNanos(long nanos) { LockSupport.parkNanos(nanos); }
        @Override public void unpark(Thread thread) { LockSupport.unpark(thread); }
    };
}
