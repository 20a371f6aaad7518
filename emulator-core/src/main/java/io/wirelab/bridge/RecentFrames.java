package io.wirelab.bridge;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The frames a bridge injected lately, for devices that capture their own injected frames too:
 * a captured frame equal to one of them is our own echo and is dropped (once). Thread-safe.
 */
public final class RecentFrames {
    private final int capacity;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();

    public RecentFrames(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
    }

    public synchronized void remember(byte[] frame) {
        if (frames.size() == capacity) frames.pollFirst();
        frames.addLast(frame);
    }

    /** True (and forgets it) if frame equals a remembered injected frame. */
    public synchronized boolean takeEcho(byte[] frame) {
        for (Iterator<byte[]> it = frames.iterator(); it.hasNext(); ) {
            if (Arrays.equals(it.next(), frame)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    public synchronized int size() { return frames.size(); }
}
