package io.wirelab.labs.run;

/** A lab operation did not finish within its virtual-time budget. */
public final class LabTimeoutException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final long timeoutNanos;
    private final long nowNanos;

    public LabTimeoutException(String message, long timeoutNanos, long nowNanos) {
        super(message);
        this.timeoutNanos = timeoutNanos;
        this.nowNanos = nowNanos;
    }

    public long timeoutNanos() { return timeoutNanos; }
    /** Virtual time when the wait gave up. */
    public long nowNanos() { return nowNanos; }
}
