package io.wirelab.labs.model;

import io.wirelab.stack.tcp.TcpOptions;

import java.util.List;

/**
 * A host's TCP settings as a lab file gives them (`tcp:` under a host or under `defaults:`): the
 * options every connection of the host uses, and the local ports it picks for outgoing ones.
 * KEYS is the one place a tcp key, its kind and its range are declared; to add a key, add a line
 * there, then its row in docs/lab-format.md and its property in docs/lab.schema.json (a test
 * checks the schema against KEYS).
 */
public record TcpSettings(TcpOptions options, NodeSpec.PortRange ephemeralPorts) {
    public static final TcpSettings DEFAULT = new TcpSettings(TcpOptions.defaults(), NodeSpec.PortRange.LINUX);

    /** RFC 9293 §3.8.6.3: an ACK MUST NOT be delayed by 0.5 s or more (here: up to 500 ms). */
    public static final long MAX_DELAYED_ACK_NANOS = 500_000_000L;
    /** RFC 9293 §3.7.1: the MSS of a 128-byte MTU (Linux's floor, 88); the largest one IPv4 allows (65535 - 40). */
    public static final int MIN_MSS = 88, MAX_MSS = 65495;
    public static final int MAX_SEND_BUFFER = 1 << 30;
    /** RFC 7323 §2.3: the largest window scaling can advertise, 65535 x 2^14 bytes (TcpOptions' limit). */
    public static final int MAX_RECEIVE_BUFFER = 0xffff << 14;

    public TcpSettings {
        if (options == null || ephemeralPorts == null) throw new IllegalArgumentException("tcp settings need options and ports");
    }

    public static final List<Setting<TcpSettings>> KEYS = List.of(
            flag("nagle", (o, on) -> o.withNoDelay(!on)),
            duration("delayed-ack", Setting.Bound.of(0), Setting.Bound.of(MAX_DELAYED_ACK_NANOS), TcpOptions::withDelayedAckNanos),
            count("initial-window", "initial-window (segments)", 1, 1000, TcpOptions::withInitialWindowSegments),
            count("mss", "mss", MIN_MSS, MAX_MSS, TcpOptions::withMss),
            flag("window-scale", TcpOptions::withWindowScale),
            flag("sack", TcpOptions::withSack),
            flag("timestamps", TcpOptions::withTimestamps),
            duration("min-rto", Setting.Bound.of(1), Setting.Bound.key("max-rto", s -> s.options.maxRtoNanos()), TcpOptions::withMinRtoNanos),
            duration("max-rto", Setting.Bound.key("min-rto", s -> s.options.minRtoNanos()), Setting.Bound.of(Long.MAX_VALUE), TcpOptions::withMaxRtoNanos),
            duration("initial-rto", Setting.Bound.of(1), Setting.Bound.of(Long.MAX_VALUE), TcpOptions::withInitialRtoNanos),
            duration("msl", Setting.Bound.of(0), Setting.Bound.of(Long.MAX_VALUE), TcpOptions::withMslNanos),
            size("send-buffer", MAX_SEND_BUFFER, TcpOptions::withSendBuffer),
            size("receive-buffer", MAX_RECEIVE_BUFFER, TcpOptions::withReceiveBuffer),
            count("syn-retries", "syn-retries", 0, 20, TcpOptions::withSynRetries),
            Setting.ports("ephemeral-ports", TcpSettings::withEphemeralPorts));

    public TcpSettings withOptions(TcpOptions o) { return new TcpSettings(o, ephemeralPorts); }

    public TcpSettings withEphemeralPorts(NodeSpec.PortRange p) { return new TcpSettings(options, p); }

    private interface Option<V> { TcpOptions set(TcpOptions options, V value); }

    private static Setting<TcpSettings> flag(String key, Option<Boolean> set) {
        return Setting.flag(key, (s, v) -> s.withOptions(set.set(s.options, v)));
    }

    private static Setting<TcpSettings> count(String key, String label, int min, int max, Option<Integer> set) {
        return Setting.count(key, label, min, max, (s, v) -> s.withOptions(set.set(s.options, v)));
    }

    private static Setting<TcpSettings> duration(String key, Setting.Bound<TcpSettings> min, Setting.Bound<TcpSettings> max, Option<Long> set) {
        return Setting.duration(key, min, max, (s, v) -> s.withOptions(set.set(s.options, v)));
    }

    private static Setting<TcpSettings> size(String key, int max, Option<Integer> set) {
        return Setting.size(key, 1, max, (s, v) -> s.withOptions(set.set(s.options, v)));
    }
}
