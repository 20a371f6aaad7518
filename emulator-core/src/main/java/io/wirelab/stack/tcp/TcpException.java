package io.wirelab.stack.tcp;

/** A failed connect: the future of TcpLayer.connect completes exceptionally with this. */
public final class TcpException extends Exception {
    public enum Reason { REFUSED, TIMED_OUT, PORT_EXHAUSTED, RESET, NO_ROUTE }

    private final Reason reason;

    public TcpException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
