package io.wirelab.devices.dhcp.client;

import io.wirelab.sim.SimTime;

/**
 * Client knobs. initialDelayMaxNanos: RFC 2131 §4.4.1 suggests 1-10 s before the first DISCOVER;
 * labs default to up to 1 s. broadcastFlag: this stack cannot take unicast before it has an
 * address, so it asks for broadcast replies (RFC 2131 §4.1). arpProbe: RFC 5227 check before use.
 */
public record DhcpClientOptions(long initialDelayMaxNanos, boolean broadcastFlag, boolean arpProbe, String hostName,
                                int requestRetries) {
    public static DhcpClientOptions defaults() { return new DhcpClientOptions(SimTime.seconds(1), true, false, null, 4); }

    public DhcpClientOptions withArpProbe(boolean on) { return new DhcpClientOptions(initialDelayMaxNanos, broadcastFlag, on, hostName, requestRetries); }
    public DhcpClientOptions withBroadcastFlag(boolean on) { return new DhcpClientOptions(initialDelayMaxNanos, on, arpProbe, hostName, requestRetries); }
    public DhcpClientOptions withHostName(String h) { return new DhcpClientOptions(initialDelayMaxNanos, broadcastFlag, arpProbe, h, requestRetries); }
    public DhcpClientOptions withInitialDelayMax(long nanos) { return new DhcpClientOptions(nanos, broadcastFlag, arpProbe, hostName, requestRetries); }
}
