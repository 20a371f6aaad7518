package io.wirelab.stack.tcp;

import io.wirelab.sim.SimRandom;

import java.util.function.IntPredicate;

/**
 * Ephemeral port choice (RFC 6056 §3.3.2-like "simple hash-based" search): start at a random offset
 * in the range and take the first port whose 4-tuple is free, TIME-WAIT included. Default range
 * 32768-60999 (Linux ip_local_port_range).
 */
public final class EphemeralPorts {
    public static final int DEFAULT_FIRST = 32768;
    public static final int DEFAULT_LAST = 60999;

    private final SimRandom random;
    private int first = DEFAULT_FIRST;
    private int last = DEFAULT_LAST;

    EphemeralPorts(SimRandom random) { this.random = random; }

    public void setRange(int first, int last) {
        if (first < 1 || last > 0xffff || first > last) throw new IllegalArgumentException("port range " + first + "-" + last);
        this.first = first;
        this.last = last;
    }

    public int first() { return first; }
    public int last() { return last; }

    /** A port for which inUse is false, or -1 when every port in the range is taken. */
    int choose(IntPredicate inUse) {
        int n = last - first + 1;
        int offset = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            int port = first + (offset + i) % n;
            if (!inUse.test(port)) return port;
        }
        return -1;
    }
}
