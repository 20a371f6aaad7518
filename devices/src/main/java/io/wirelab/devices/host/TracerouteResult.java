package io.wirelab.devices.host;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What traceroute(8) found: one Hop per TTL, each with its probes; reached when the destination answered. */
public record TracerouteResult(Ipv4Address destination, List<Hop> hops, boolean reached) {
    /** One probe: who answered (null: no answer within the wait, printed "*"), the round trip, and "!H"-style notes. */
    public record Probe(Ipv4Address from, long rttNanos, String annotation) {
        public boolean answered() { return from != null; }
    }

    public record Hop(int ttl, List<Probe> probes) {
        public Hop { probes = List.copyOf(probes); }

        /** The first address that answered at this TTL, or null. */
        public Ipv4Address address() {
            for (Probe p : probes) if (p.answered()) return p.from();
            return null;
        }

        /** As traceroute(8) prints it: " 1  r1 (10.1.0.1)  0.123 ms  0.110 ms  0.109 ms", " 2  * * *". */
        public String format(Function<Ipv4Address, String> names) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d ", ttl));
            Ipv4Address last = null;
            for (Probe p : probes) {
                if (!p.answered()) { line.append(" *"); continue; }
                if (!p.from().equals(last)) {
                    String name = names.apply(p.from());
                    line.append(' ').append(name == null ? p.from().toString() : name).append(" (").append(p.from()).append(')');
                    last = p.from();
                }
                line.append(String.format(Locale.ROOT, "  %.3f ms", p.rttNanos() / 1e6));
                if (!p.annotation().isEmpty()) line.append(' ').append(p.annotation());
            }
            return line.toString();
        }
    }

    public TracerouteResult { hops = List.copyOf(hops); }

    /** The hops' addresses in order (null for a hop where nothing answered). */
    public List<Ipv4Address> path() {
        List<Ipv4Address> out = new ArrayList<>();
        for (Hop h : hops) out.add(h.address());
        return out;
    }

    /** Every hop line, as traceroute(8) prints them. */
    public List<String> transcript(Function<Ipv4Address, String> names) { return hops.stream().map(h -> h.format(names)).toList(); }
}
