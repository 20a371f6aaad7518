package io.wirelab.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a bridge moved and dropped, by named reason. Updated by the simulator thread, read from any. */
public final class BridgeCounters {
    public enum Drop {
        /** Captured frame shorter than an Ethernet header. */
        RUNT,
        /** Captured frame cut by the snap length. */
        TRUNCATED,
        /** Our own injected frame seen again by the capture (devices without inbound-only capture). */
        OWN_ECHO,
        /** The interface refused the frame (too large for it, interface gone). */
        INJECT_FAILED,
        /** The lab port could not take the frame (port down, link queue full, over the link MTU). */
        PORT_REFUSED,
        /** The kernel's capture buffer was full: the frame was lost before the lab could take it in. */
        KERNEL_BUFFER_FULL
    }

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong[] drops = new AtomicLong[Drop.values().length];

    BridgeCounters() {
        for (int i = 0; i < drops.length; i++) drops[i] = new AtomicLong();
    }

    void countIn(int bytes) { framesIn.incrementAndGet(); bytesIn.addAndGet(bytes); }
    void countOut(int bytes) { framesOut.incrementAndGet(); bytesOut.addAndGet(bytes); }

    /** A frame counted out when it was queued, refused when it was sent. */
    void refused(int bytes) {
        framesOut.decrementAndGet();
        bytesOut.addAndGet(-bytes);
        drop(Drop.INJECT_FAILED);
    }
    void drop(Drop reason) { drops[reason.ordinal()].incrementAndGet(); }
    void kernelDrops(long total) { drops[Drop.KERNEL_BUFFER_FULL.ordinal()].set(total); }

    /** Frames taken from the interface into the lab. */
    public long framesIn() { return framesIn.get(); }
    public long bytesIn() { return bytesIn.get(); }
    /** Frames the lab sent out of the interface. */
    public long framesOut() { return framesOut.get(); }
    public long bytesOut() { return bytesOut.get(); }
    public long drops(Drop reason) { return drops[reason.ordinal()].get(); }

    /** Non-zero drops by reason, in enum order. */
    public Map<Drop, Long> drops() {
        Map<Drop, Long> m = new LinkedHashMap<>();
        for (Drop d : Drop.values()) if (drops(d) > 0) m.put(d, drops(d));
        return m;
    }

    @Override public String toString() {
        return "in " + framesIn() + " frames / " + bytesIn() + " B, out " + framesOut() + " frames / " + bytesOut() + " B"
                + (drops().isEmpty() ? "" : ", drops " + drops());
    }
}
