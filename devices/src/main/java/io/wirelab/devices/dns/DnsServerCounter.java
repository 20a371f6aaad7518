package io.wirelab.devices.dns;

import io.wirelab.trace.Counted;

/** What DnsServer counts (parser rejections are counted apart, as dns.rx.drop.&lt;DnsMalformed&gt;). */
public enum DnsServerCounter implements Counted {
    RX_QUERY("dns.rx.query"),
    RX_TCP("dns.rx.tcp"),
    RX_DROP_RESPONSE("dns.rx.drop.response"),
    TX_RESPONSE("dns.tx.response"),
    TX_RESPONSE_TCP("dns.tx.response.tcp"),
    TX_FAIL("dns.tx.fail"),
    TX_TRUNCATED("dns.tx.truncated"),
    TX_REFUSED("dns.tx.refused"),
    TX_NODATA("dns.tx.nodata"),
    TX_NXDOMAIN("dns.tx.nxdomain"),
    TCP_ACCEPT("dns.tcp.accept"),
    TCP_IDLE_CLOSE("dns.tcp.idle_close");

    private final String counterName;

    DnsServerCounter(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }
}
