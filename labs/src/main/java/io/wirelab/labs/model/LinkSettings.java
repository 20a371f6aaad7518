package io.wirelab.labs.model;

import io.wirelab.link.LinkParams;

import java.util.List;

/**
 * The keys of a link's settings (`[a, b, { ... }]` and `defaults: link:`), each with its kind and
 * range, over LinkParams. To add a key, add a line here, then its row in docs/lab-format.md and its
 * property in docs/lab.schema.json (a test checks the schema against KEYS).
 */
public final class LinkSettings {
    /** RFC 791: every internet module must forward a 68-byte datagram; 65535 is IPv4's total length limit. */
    public static final int MIN_MTU = 68, MAX_MTU = 65535;
    public static final int MAX_QUEUE_FRAMES = 1_000_000;
    /** 0 bps is refused (a rate of nothing); unlimited is the word for no serialization delay. 1 Tbit/s is past any Ethernet. */
    public static final long MIN_BANDWIDTH = 1, MAX_BANDWIDTH = 1_000_000_000_000L;
    /** Link delays up to an hour, so that virtual time never overflows. */
    public static final long MAX_DELAY_NANOS = 3_600_000_000_000L;

    public static final List<Setting<LinkParams>> KEYS = List.of(
            Setting.rate("bandwidth", MIN_BANDWIDTH, MAX_BANDWIDTH, LinkParams::withBandwidth),
            Setting.duration("delay", 0, MAX_DELAY_NANOS, LinkParams::withDelay),
            Setting.duration("jitter", 0, MAX_DELAY_NANOS, LinkParams::withJitter),
            Setting.percent("loss", LinkParams::withLoss),
            Setting.percent("duplicate", LinkParams::withDuplicate),
            Setting.percent("reorder", (p, x) -> p.withReorder(x, p.reorderDelayNanos())),
            Setting.duration("reorder-delay", 0, MAX_DELAY_NANOS, (p, d) -> p.withReorder(p.reorder(), d)),
            Setting.percent("corrupt", LinkParams::withCorrupt),
            Setting.count("mtu", "mtu", MIN_MTU, MAX_MTU, LinkParams::withMtu),
            Setting.count("queue", "queue (frames)", 1, MAX_QUEUE_FRAMES, LinkParams::withQueueFrames));

    private LinkSettings() {}
}
