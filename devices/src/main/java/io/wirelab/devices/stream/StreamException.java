package io.wirelab.devices.stream;

/** A connect that failed: refused, timed out, no route ... (reason text from the transport). */
public final class StreamException extends RuntimeException {
    private final String reason;

    public StreamException(String reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public String reason() { return reason; }
}
