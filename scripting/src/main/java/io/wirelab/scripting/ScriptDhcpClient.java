package io.wirelab.scripting;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.devices.dhcp.client.DhcpLease;
import java.util.SequencedMap;

/** {@code pc1.dhcpClient}: what scripts read of a host's DHCP client: {@code state()}, {@code lease()}, {@code counter(name)}. */
public final class ScriptDhcpClient {
    private final DhcpClient client;

    ScriptDhcpClient(DhcpClient client) { this.client = client; }

    /** The RFC 2131 state: INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING, ... */
    public DhcpClientState state() { return client.state(); }
    /** The lease held, or null. */
    public DhcpLease lease() { return client.lease(); }
    /** The interface it configures ("eth0"). */
    public String getInterface() { return client.iface().name(); }
    public long counter(String name) { return client.counter(name); }
    public SequencedMap<String, Long> counters() { return client.counters(); }

    @Override public String toString() { return "DHCP client on " + getInterface() + " (" + state() + ")"; }
}
