package io.wirelab.devices.proxy;

import io.wirelab.trace.Counted;

/** What an HttpProxy counts. */
public enum ProxyCounter implements Counted {
    CONN_ACCEPTED("proxy.conn.accepted"),
    RX_REQUEST("proxy.rx.request"),
    TX_FORWARDED("proxy.tx.forwarded"),
    /** Hop-by-hop fields (and fields named in Connection) a smart proxy removed from requests and responses. */
    HOP_BY_HOP_REMOVED("proxy.header.hop_by_hop_removed"),
    CLIENT_CONN_REUSED("proxy.client.conn_reused"),
    ORIGIN_CONN_OPENED("proxy.origin.conn_opened"),
    TX_STATUS_400("proxy.tx.status.400"),
    TX_STATUS_502("proxy.tx.status.502"),
    TX_STATUS_504("proxy.tx.status.504"),
    TUNNEL_OPENED("proxy.tunnel.opened"),
    TUNNEL_FAILED("proxy.tunnel.failed"),
    /** Bytes a dumb proxy read from a client after its first request and threw away. */
    DUMB_IGNORED_BYTES("proxy.dumb.ignored_bytes"),
    /** A dumb relay ended because the origin closed its connection. */
    DUMB_ORIGIN_CLOSED("proxy.dumb.origin_closed"),
    CONN_CLOSE_IDLE_TIMEOUT("proxy.conn.close.idle_timeout"),
    RX_ERROR("proxy.rx.error");

    private final String counterName;

    ProxyCounter(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }
}
