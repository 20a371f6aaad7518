package io.wirelab.bridge;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * A real network interface opened for raw Ethernet frames (libpcap's role), so a binding can be
 * swapped (Libpcap over FFM; pcap4j would fit too). open() first; then the simulator thread alone
 * receives, injects and flushes (waiting on selectableFd() between events), and finally closes.
 */
public interface PacketDevice extends AutoCloseable {
    /**
     * Opens ifname in the current network namespace. Throws with a reason (interface missing, no
     * permission, libpcap not installed, ...) and a message that says how to fix it.
     */
    void open(String ifname, boolean promiscuous, int snaplen) throws PacketDeviceException;

    /** True when frames this device injects also come back from receive() (no inbound-only capture). */
    boolean seesOwnFrames();

    /** A descriptor poll(2) reports readable when frames wait, or -1: the simulator then looks every millisecond. */
    default int selectableFd() { return -1; }

    /**
     * Adds every frame waiting now to into, oldest first, without blocking; returns how many. Throws
     * when the interface can no longer capture (it went away).
     */
    int receive(List<CapturedFrame> into) throws PacketDeviceException;

    /**
     * Queues one whole Ethernet frame (destination MAC .. payload) to leave through the interface at
     * the next flush() at the latest. Throws if the frame can never be sent (larger than any frame).
     */
    void inject(byte[] frame, int offset, int length) throws PacketDeviceException;

    /**
     * Sends every queued frame in order, in as few system calls as the device can; each frame the
     * interface refuses is reported to refused with its length, and lastError() says why.
     */
    default void flush(IntConsumer refused) {}

    /**
     * As flush(), but may hand the frames to another thread and return before they leave; frames queued
     * after it leave after them, and refusals are reported by a later flush or flushBehind.
     */
    default void flushBehind(IntConsumer refused) { flush(refused); }

    /** Frames the kernel dropped before the device could take them in (its capture buffer full), so far; 0 when it does not say. */
    default long kernelDrops() { return 0; }

    /** The last error text of the device (pcap_geterr, or why a frame was refused), empty if none. */
    String lastError();

    /** Releases the interface; queued frames not flushed are discarded. Idempotent. */
    @Override void close();

    /**
     * One frame as captured; capturedLength < wireLength when the snap length cut it. arrivedNanos: when the
     * interface captured it, on System.nanoTime's clock, or -1 when the device does not say.
     */
    record CapturedFrame(byte[] bytes, int wireLength, long arrivedNanos) {
        public CapturedFrame(byte[] bytes, int wireLength) { this(bytes, wireLength, -1); }

        public boolean truncated() { return bytes.length < wireLength; }
    }
}
