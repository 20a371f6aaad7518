package io.wirelab.devices.dhcp.client;

import io.wirelab.sim.SimTime;

/**
 * Client knobs. initialDelayMaxNanos: RFC 2131 §4.4.1 suggests 1-10 s before the first DISCOVER;
 * labs default to up to 1 s. broadcastFlag: ask for broadcast replies (RFC 2131 §4.1); off by default,
 * as Linux's dhclient and systemd-networkd leave it: the stack takes UDP unicast to its MAC before it has
 * an address, so the server unicasts OFFER and ACK to chaddr. arpProbe: RFC 5227 check before use.
 */
public record DhcpClientOptions(long initialDelayMaxNanos, boolean broadcastFlag, boolean arpProbe, String hostName,
                                int requestRetries) {
    public static DhcpClientOptions defaults() { return new DhcpClientOptions(SimTime.seconds(1), false, false, null, 4); }

    public DhcpClientOptions withArpProbe(boolean on) { return new DhcpClientOptions(initialDelayMaxNanos, broadcastFlag, on, hostName, requestRetries); }
    public DhcpClientOptions withBroadcastFlag(boolean on) { return new DhcpClientOptions(initialDelayMaxNanos, on, arpProbe, hostName, requestRetries); }
    public DhcpClientOptions withHostName(String h) { return new DhcpClientOptions(initialDelayMaxNanos, broadcastFlag, arpProbe, h, requestRetries); }
    public DhcpClientOptions withInitialDelayMax(long nanos) { return new DhcpClientOptions(nanos, broadcastFlag, arpProbe, hostName, requestRetries); }
}
