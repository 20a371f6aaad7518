package io.wirelab.devices.stream;

/** A connect that failed: refused, timed out, no route ... (reason text from the transport). */
public final class StreamException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final String reason;

    public StreamException(String reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public String reason() { return reason; }
}
