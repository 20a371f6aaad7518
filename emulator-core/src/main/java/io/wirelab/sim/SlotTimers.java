package io.wirelab.sim;

import java.util.Arrays;

/**
 * Timers of many records that share one event, for records that live in an owner's primitive columns,
 * named by their slot number: each slot has at most one deadline, set and cancelled as a {@link Timer}'s,
 * and fires exactly where that Timer would (it takes its sequence number when the deadline is set); only
 * the earliest is in the event queue. The list is primitive too (deadline and sequence number in a long[], the links in an int[]), so a
 * record costs the garbage collector nothing: no entry object, no event, no lambda, and stores into
 * an old array mark no card. A deadline set now is usually the latest, so it goes in at the tail.
 */
public final class SlotTimers {
    /** What a slot's deadline runs. */
    @FunctionalInterface
    public interface Action {
        void fire(int slot, long now);
    }

    private static final int NONE = -1;

    private final Simulator sim;
    private final Action action;
    private final Scheduled event;
    private long[] times;                                      // per slot: deadline (NEVER: none) at 2s, sequence at 2s + 1
    private int[] links;                                       // per slot: previous at 2s, next at 2s + 1
    private int first = NONE, last = NONE;
    private int size;

    /** Slots 0 to capacity - 1, none with a deadline; grow() adds more. */
    public SlotTimers(Simulator sim, String label, int capacity, Action action) {
        this.sim = sim;
        this.action = action;
        this.event = sim.unscheduled(label, this::fireFirst);
        this.times = new long[0];
        this.links = new int[0];
        grow(capacity);
    }

    /** Makes slots up to capacity - 1 usable, the new ones without a deadline. */
    public void grow(int capacity) {
        int old = times.length / 2;
        if (capacity <= old) return;
        times = Arrays.copyOf(times, 2 * capacity);
        links = Arrays.copyOf(links, 2 * capacity);
        for (int s = old; s < capacity; s++) times[2 * s] = Timer.NEVER;
    }

    /** Slots with a pending deadline. */
    public int size() { return size; }

    /** The slot's pending deadline, or Timer.NEVER. */
    public long deadline(int slot) { return times[2 * slot]; }

    /** As Timer.setDeadline: fires action(slot, now) at deadline, in the order an event scheduled now would take; NEVER cancels. */
    public void setDeadline(int slot, long deadline) {
        long at = times[2 * slot];
        if (at != Timer.NEVER && at == deadline) return;
        if (deadline == Timer.NEVER) { cancel(slot); return; }
        boolean wasFirst = first == slot;
        if (at != Timer.NEVER) unlink(slot);
        at = Math.max(deadline, sim.now());
        times[2 * slot] = at;
        times[2 * slot + 1] = sim.takeSequence();
        int before = last;                                     // the newest sequence number: after every slot due no later
        while (before != NONE && times[2 * before] > at) before = links[2 * before];
        link(slot, before);
        if (wasFirst || first == slot) requeue();
    }

    public void cancel(int slot) {
        if (times[2 * slot] == Timer.NEVER) return;
        boolean wasFirst = first == slot;
        unlink(slot);
        times[2 * slot] = Timer.NEVER;
        if (wasFirst) requeue();
    }

    private void link(int slot, int before) {
        int next = before == NONE ? first : links[2 * before + 1];
        links[2 * slot] = before;
        links[2 * slot + 1] = next;
        if (next == NONE) last = slot;
        else links[2 * next] = slot;
        if (before == NONE) first = slot;
        else links[2 * before + 1] = slot;
        size++;
    }

    private void unlink(int slot) {
        int prev = links[2 * slot], next = links[2 * slot + 1];
        if (prev == NONE) first = next;
        else links[2 * prev + 1] = next;
        if (next == NONE) last = prev;
        else links[2 * next] = prev;
        size--;
    }

    /** The shared event at the first slot's place in time, or out of the queue when there is none. */
    private void requeue() {
        event.cancel();
        if (first != NONE) sim.schedule(event, times[2 * first], times[2 * first + 1]);
    }

    private void fireFirst() {
        int slot = first;
        unlink(slot);
        times[2 * slot] = Timer.NEVER;
        if (first != NONE) sim.schedule(event, times[2 * first], times[2 * first + 1]);   // before the action, so a failing one does not stall the rest
        action.fire(slot, sim.now());
    }
}
