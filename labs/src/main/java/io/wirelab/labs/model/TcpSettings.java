package io.wirelab.labs.model;

import io.wirelab.labs.model.Setting.Bound;
import io.wirelab.stack.tcp.TcpCongestion;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpProfile;

import java.util.List;
import java.util.Locale;

/**
 * A host's TCP settings as a lab file gives them (`tcp:` under a host or under `defaults:`): the
 * options every connection of the host uses, the local ports it picks for outgoing ones, and
 * whether it sets `nagle:` (HTTP clients and servers follow the host's Nagle setting only then).
 * KEYS is the one place a tcp key, its kind and its range are declared. To add a key, add a line
 * there, option(Setting.flag|count|duration|size|choice(key, ..., TcpOptions setter)), then its row
 * in docs/lab-format.md and its property in docs/lab.schema.json (LabSchemaConstraintsTest checks
 * the schema against KEYS).
 */
public record TcpSettings(TcpOptions options, NodeSpec.PortRange ephemeralPorts, boolean labSetsNagle) {
    public static final TcpSettings DEFAULT = new TcpSettings(TcpOptions.defaults(), NodeSpec.PortRange.LINUX, false);

    /** RFC 9293 §3.8.6.3: an ACK MUST NOT be delayed by 0.5 s or more (here: up to 500 ms). */
    public static final long MAX_DELAYED_ACK_NANOS = 500_000_000L;
    /** Linux's floor (TCP_MIN_MSS); the largest MSS IPv4 allows, 65535 - 40 (RFC 9293 §3.7.1: MTU - 40). */
    public static final int MIN_MSS = 88, MAX_MSS = 65495;
    public static final int MAX_SEND_BUFFER = 1 << 30;
    /** RFC 7323 §2.3: the largest window scaling can advertise, 65535 x 2^14 bytes (TcpOptions' limit). */
    public static final int MAX_RECEIVE_BUFFER = 0xffff << 14;
    /** RTO bounds, initial RTO and MSL up to an hour, so timers never overflow virtual time (Linux: RTO at most 120 s, MSL 60 s). */
    public static final long MAX_TIMER_NANOS = 3_600_000_000_000L;
    /** Linux MAX_TCP_KEEPIDLE and MAX_TCP_KEEPINTVL: 32767 s. */
    public static final long MAX_KEEPALIVE_NANOS = 32_767_000_000_000L;

    /** The longest application reaction time: one second. */
    public static final long MAX_APP_DELAY_NANOS = 1_000_000_000L;

    /** The words of `profile:`: TcpProfile's names in lower case. */
    public static final List<String> PROFILES = List.of("linux", "textbook");

    public TcpSettings {
        if (options == null || ephemeralPorts == null) throw new IllegalArgumentException("tcp settings need options and ports");
    }

    public static final List<Setting<TcpSettings>> KEYS = List.of(
            // a profile is applied first, wherever it stands in the map, so every other key overrides it (TcpSectionReader)
            Setting.choice("profile", PROFILES, (s, word) -> s),
            Setting.flag("nagle", TcpSettings::withNagle),
            option(Setting.duration("delayed-ack", 0, MAX_DELAYED_ACK_NANOS, TcpOptions::withDelayedAckNanos)),
            option(Setting.count("initial-window", "initial-window (segments)", 1, 1000, TcpOptions::withInitialWindowSegments)),
            option(Setting.count("mss", "mss", MIN_MSS, MAX_MSS, TcpOptions::withMss)),
            option(Setting.flag("window-scale", TcpOptions::withWindowScale)),
            option(Setting.flag("sack", TcpOptions::withSack)),
            option(Setting.flag("timestamps", TcpOptions::withTimestamps)),
            option(Setting.flag("timestamp-offsets", TcpOptions::withTimestampOffsets)),
            option(Setting.duration("min-rto", Bound.of(1), Bound.key("max-rto", TcpOptions::maxRtoNanos), TcpOptions::withMinRtoNanos)),
            option(Setting.duration("max-rto", Bound.key("min-rto", TcpOptions::minRtoNanos), Bound.of(MAX_TIMER_NANOS), TcpOptions::withMaxRtoNanos)),
            option(Setting.duration("initial-rto", 1, MAX_TIMER_NANOS, TcpOptions::withInitialRtoNanos)),
            option(Setting.duration("msl", 0, MAX_TIMER_NANOS, TcpOptions::withMslNanos)),
            option(Setting.count("max-time-wait", "max-time-wait", 0, TcpOptions.MAX_TIME_WAIT, TcpOptions::withMaxTimeWait)),
            option(Setting.duration("app-delay", 0, MAX_APP_DELAY_NANOS, TcpOptions::withAppDelayNanos)),
            option(Setting.size("send-buffer", 1, MAX_SEND_BUFFER, TcpOptions::withSendBuffer)),
            option(Setting.size("receive-buffer", 1, MAX_RECEIVE_BUFFER, TcpOptions::withReceiveBuffer)),
            option(Setting.count("syn-retries", "syn-retries", 0, 20, TcpOptions::withSynRetries)),
            option(Setting.flag("autotune", TcpOptions::withAutotune)),
            option(Setting.flag("keepalive", (o, v) -> o.withKeepAlive(o.keepAlive().withEnabled(v)))),
            option(Setting.duration("keepalive-idle", 1, MAX_KEEPALIVE_NANOS, (o, v) -> o.withKeepAlive(o.keepAlive().withIdleNanos(v)))),
            option(Setting.duration("keepalive-interval", 1, MAX_KEEPALIVE_NANOS, (o, v) -> o.withKeepAlive(o.keepAlive().withIntervalNanos(v)))),
            option(Setting.count("keepalive-probes", "keepalive-probes", 1, 127, (o, v) -> o.withKeepAlive(o.keepAlive().withProbes(v)))),
            option(Setting.choice("congestion", List.of("cubic", "newreno", "reno"),
                    (o, w) -> o.withCongestion(TcpCongestion.valueOf(w.toUpperCase(Locale.ROOT))))),
            Setting.ports("ephemeral-ports", TcpSettings::withEphemeralPorts));

    public TcpSettings withOptions(TcpOptions o) { return new TcpSettings(o, ephemeralPorts, labSetsNagle); }

    /** The TCP options of a profile (a word of PROFILES); Nagle and the ephemeral ports are not part of one and stay. */
    public TcpSettings withProfile(String word) {
        TcpOptions p = TcpProfile.valueOf(word.toUpperCase(java.util.Locale.ROOT)).options();
        return new TcpSettings(p.withNoDelay(options.noDelay()), ephemeralPorts, labSetsNagle);
    }

    public TcpSettings withEphemeralPorts(NodeSpec.PortRange p) { return new TcpSettings(options, p, labSetsNagle); }

    /** nagle: false is TCP_NODELAY. */
    public TcpSettings withNagle(boolean on) { return new TcpSettings(options.withNoDelay(!on), ephemeralPorts, true); }

    private static Setting<TcpSettings> option(Setting<TcpOptions> s) { return s.within(TcpSettings::options, TcpSettings::withOptions); }
}
