package io.wirelab.stack.udp;

/** bind() failed: the port is in use (EADDRINUSE) or no ephemeral port is free. */
public final class UdpBindException extends RuntimeException {
    public UdpBindException(String message) { super(message); }
}
