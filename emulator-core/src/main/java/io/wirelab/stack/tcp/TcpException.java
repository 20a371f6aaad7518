package io.wirelab.stack.tcp;

/** A failed connect: the future of TcpLayer.connect completes exceptionally with this. */
public final class TcpException extends Exception {
    @java.io.Serial private static final long serialVersionUID = 1L;
    /** NET_, HOST_ and PROTOCOL_UNREACHABLE come from an ICMP error (Linux ENETUNREACH, EHOSTUNREACH, ENOPROTOOPT). */
    public enum Reason { REFUSED, TIMED_OUT, PORT_EXHAUSTED, RESET, NO_ROUTE, NET_UNREACHABLE, HOST_UNREACHABLE, PROTOCOL_UNREACHABLE }

    private final Reason reason;

    public TcpException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
