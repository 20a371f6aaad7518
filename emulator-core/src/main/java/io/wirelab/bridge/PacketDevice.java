package io.wirelab.bridge;

/**
 * A real network interface opened for raw Ethernet frames (libpcap's role), so a binding can be
 * swapped (Libpcap over FFM; pcap4j would fit too). open() first; next() is called by one capture
 * thread while inject() is called by the simulator thread; close() after the capture thread ended.
 */
public interface PacketDevice extends AutoCloseable {
    /**
     * Opens ifname in the current network namespace. Throws with a reason (interface missing, no
     * permission, libpcap not installed, ...) and a message that says how to fix it.
     */
    void open(String ifname, boolean promiscuous, int snaplen) throws PacketDeviceException;

    /** True when frames this device injects also come back from next() (no inbound-only capture). */
    boolean seesOwnFrames();

    /** The next captured frame, or null when none arrived within the read timeout (a few ms). */
    CapturedFrame next() throws PacketDeviceException;

    /** Sends one whole Ethernet frame (destination MAC .. payload) out of the interface. */
    void inject(byte[] frame, int offset, int length) throws PacketDeviceException;

    /** The last error text of the device (pcap_geterr), empty if none. */
    String lastError();

    /** Releases the interface. Idempotent. */
    @Override void close();

    /** One frame as captured; capturedLength < wireLength when the snap length cut it. */
    record CapturedFrame(byte[] bytes, int wireLength) {
        public boolean truncated() { return bytes.length < wireLength; }
    }
}
