package io.wirelab.bridge;

/** Why a real interface could not be opened or used; the message says how to fix it. */
public final class PacketDeviceException extends Exception {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public enum Reason {
        /** libpcap is not installed (or not found under its usual names). */
        LIBRARY_MISSING,
        /** No interface of that name in this network namespace. */
        NO_SUCH_INTERFACE,
        /** Capturing needs root, or CAP_NET_RAW and CAP_NET_ADMIN. */
        PERMISSION,
        /** The interface exists but is down. */
        INTERFACE_DOWN,
        /** The interface does not carry Ethernet frames (a tun device, loopback on some systems). */
        NOT_ETHERNET,
        /** Anything else libpcap reports. */
        FAILED
    }

    private final Reason reason;

    public PacketDeviceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
