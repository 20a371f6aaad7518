package io.wirelab.devices.proxy;

import io.wirelab.sim.SimTime;

/**
 * name: how the proxy names itself in Via (RFC 9110 §7.6.3: received-by). idleTimeoutNanos: a client
 * connection with no request in progress closes after this. originTimeoutNanos: a smart proxy's
 * wait for an origin's response before it answers 504. maxPerOrigin: a smart proxy's persistent
 * connections per origin.
 */
public record ProxyConfig(ProxyMode mode, String name, long idleTimeoutNanos, long originTimeoutNanos, int maxPerOrigin) {
    public ProxyConfig {
        if (mode == null || name == null || name.isBlank() || idleTimeoutNanos <= 0 || originTimeoutNanos <= 0 || maxPerOrigin < 1)
            throw new IllegalArgumentException("bad proxy config");
    }

    public static ProxyConfig of(ProxyMode mode, String name) {
        return new ProxyConfig(mode, name, SimTime.seconds(15), SimTime.seconds(30), 4);
    }
}
