package io.wirelab.labs.model;

import io.wirelab.devices.web.ServerFault;

import java.util.List;

/**
 * The keys of a web server's `fault:` map (under `web:`, a site of `sites:`, or a page), each a
 * ServerFault field. KEYS is the one place a fault key, its kind and its range are declared; its
 * row is in docs/lab-format.md and its property in docs/lab.schema.json ($defs/serverFault).
 */
public final class ServerFaultSettings {
    private ServerFaultSettings() {}

    /** A delay or a pause between chunks up to an hour, so timers never overflow virtual time. */
    public static final long MAX_DELAY_NANOS = 3_600_000_000_000L;
    /** content-length and close-after: up to the largest page. */
    public static final long MAX_BYTES = WebServerSpec.MAX_PAGE_BYTES;

    public static final List<Setting<ServerFault>> KEYS = List.of(
            Setting.size("content-length", 0, MAX_BYTES, (f, n) -> f.withContentLength(n)),
            Setting.size("close-after", 0, MAX_BYTES, (f, n) -> f.withCloseAfter(n)),
            Setting.flag("reset", ServerFault::withReset),
            Setting.duration("delay", 0, MAX_DELAY_NANOS, ServerFault::withDelay),
            Setting.duration("chunk-delay", 0, MAX_DELAY_NANOS, ServerFault::withChunkDelay),
            Setting.size("chunk-size", 1, 1 << 20, ServerFault::withChunkSize),
            Setting.flag("keep-alive", ServerFault::withKeepAlive),
            Setting.flag("http10", ServerFault::withHttp10),
            Setting.choice("framing", ServerFault.FRAMINGS, ServerFault::withFraming));
}
