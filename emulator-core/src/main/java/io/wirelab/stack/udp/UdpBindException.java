package io.wirelab.stack.udp;

/** bind() failed: the port is in use (EADDRINUSE) or no ephemeral port is free. */
public final class UdpBindException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public UdpBindException(String message) { super(message); }
}
