package io.wirelab.devices.dhcp;

import io.wirelab.trace.Counted;

import java.util.Locale;

/** Why DhcpServer ignored a parsed message; counted as dhcp.rx.drop.&lt;name&gt;. */
public enum DhcpServerDrop implements Counted {
    NOT_REQUEST, NO_MESSAGE_TYPE, NO_SERVER_ADDRESS, NO_POOL, SERVER_MESSAGE, POOL_EXHAUSTED, OTHER_SERVER,
    UNKNOWN_CLIENT, BAD_REQUEST, BAD_DECLINE, BAD_RELEASE, BAD_INFORM;

    private final String counterName = "dhcp.rx.drop." + name().toLowerCase(Locale.ROOT);

    @Override public String counterName() { return counterName; }
}
