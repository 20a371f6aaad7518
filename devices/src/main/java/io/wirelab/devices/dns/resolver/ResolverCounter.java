package io.wirelab.devices.dns.resolver;

import io.wirelab.trace.Counted;
import io.wirelab.wire.dns.DnsRcode;

/** What StubResolver counts (parser rejections are counted apart, as resolver.rx.drop.&lt;DnsMalformed&gt;). */
public enum ResolverCounter implements Counted {
    HOSTS("resolver.hosts"),
    CACHE_HIT("resolver.cache.hit"),
    CACHE_MISS("resolver.cache.miss"),
    TX_QUERY("resolver.tx.query"),
    TX_FAIL("resolver.tx.fail"),
    RX_ANSWER("resolver.rx.answer"),
    RX_TRUNCATED("resolver.rx.truncated"),
    RX_TCP("resolver.rx.tcp"),
    RX_FORMERR("resolver.rx.formerr"),
    RX_SERVFAIL("resolver.rx.servfail"),
    RX_NOTIMP("resolver.rx.notimp"),
    RX_REFUSED("resolver.rx.refused"),
    RX_OTHER_RCODE("resolver.rx.other_rcode"),
    RX_DROP_LATE("resolver.rx.drop.late"),
    RX_DROP_MISMATCH("resolver.rx.drop.mismatch"),
    TCP_CONNECT("resolver.tcp.connect"),
    TCP_CONNECT_FAILED("resolver.tcp.connect_failed"),
    TCP_CLOSED_EARLY("resolver.tcp.closed_early"),
    TIMEOUT("resolver.timeout");

    private final String counterName;

    ResolverCounter(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }

    /** The counter of a response with an error rcode (neither NOERROR nor NXDOMAIN). */
    static ResolverCounter forErrorRcode(int rcode) {
        return switch (rcode) {
            case DnsRcode.FORMERR -> RX_FORMERR;
            case DnsRcode.SERVFAIL -> RX_SERVFAIL;
            case DnsRcode.NOTIMP -> RX_NOTIMP;
            case DnsRcode.REFUSED -> RX_REFUSED;
            default -> RX_OTHER_RCODE;
        };
    }
}
