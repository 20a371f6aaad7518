package io.wirelab.sim;

import java.io.Serial;

/**
 * A run stopped because more than the simulator's instant event limit ran at one virtual instant:
 * something reschedules itself with zero delay and time can never advance. Names the event.
 */
public final class SimulationLivelockException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    private final long atNanos;
    private final String event;

    SimulationLivelockException(Scheduled next, long eventsRun) {
        super("zero-time livelock: " + eventsRun + " events ran at virtual time " + SimTime.format(next.at()) + " s"
                + " without time advancing; the next was " + next.describe());
        this.atNanos = next.at();
        this.event = next.describe();
    }

    public long atNanos() { return atNanos; }
    /** The event that would have exceeded the limit, e.g. "pc1: ipv4 loopback". */
    public String event() { return event; }
}
