package io.wirelab.devices.dns.resolver;

/** Why a lookup failed. */
public final class ResolveException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public enum Reason { NXDOMAIN, NO_DATA, TIMEOUT, SERVER_FAILURE, REFUSED, NO_SERVERS }

    private final Reason reason;

    public ResolveException(Reason reason, String name) {
        super(reason + " for " + name, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
