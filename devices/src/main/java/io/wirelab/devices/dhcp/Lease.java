package io.wirelab.devices.dhcp;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * One row of a server's lease table. clientKey is the client identifier (option 61) in hex, or the
 * MAC when the client sent none (RFC 2131 §4.2). expiresAtNanos is virtual time.
 */
public record Lease(Ipv4Address address, MacAddress mac, String clientKey, String hostName, State state,
                    long grantedAtNanos, long expiresAtNanos) {
    public enum State { OFFERED, BOUND, RELEASED, DECLINED }

    /** True while the address is held for this client: an outstanding offer, a binding or a quarantine. */
    public boolean holds(long now) {
        return state != State.RELEASED && now < expiresAtNanos;
    }

    public boolean isBound(long now) { return state == State.BOUND && now < expiresAtNanos; }

    Lease with(State s, long granted, long expires) {
        return new Lease(address, mac, clientKey, hostName, s, granted, expires);
    }
}
