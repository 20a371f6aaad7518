package io.wirelab.devices.host;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/**
 * What one ping run saw. rttNanos holds one entry per received reply, in arrival order; errors
 * counts ICMP errors (e.g. "Destination Host Unreachable") and errorMessages says which.
 * transcript holds the per-reply lines ping(8) prints, in the order they happened.
 */
public record PingResult(Ipv4Address destination, int sent, int received, List<Long> rttNanos,
                         int errors, List<String> errorMessages, long elapsedNanos, List<String> transcript) {
    public PingResult {
        rttNanos = List.copyOf(rttNanos);
        errorMessages = List.copyOf(errorMessages);
        transcript = List.copyOf(transcript);
    }

    public PingResult(Ipv4Address destination, int sent, int received, List<Long> rttNanos,
                      int errors, List<String> errorMessages, long elapsedNanos) {
        this(destination, sent, received, rttNanos, errors, errorMessages, elapsedNanos, List.of());
    }

    public int lost() { return sent - received; }
    public double lossPercent() { return sent == 0 ? 0 : 100.0 * (sent - received) / sent; }
    public boolean allReceived() { return sent > 0 && received == sent; }
    public long minNanos() { return rttNanos.stream().mapToLong(Long::longValue).min().orElse(0); }
    public long maxNanos() { return rttNanos.stream().mapToLong(Long::longValue).max().orElse(0); }
    public long avgNanos() { return rttNanos.isEmpty() ? 0 : Math.round(rttNanos.stream().mapToLong(Long::longValue).average().orElse(0)); }

    /** ping(8)'s mdev: sqrt(mean(rtt²) − mean(rtt)²). */
    public long mdevNanos() {
        if (rttNanos.isEmpty()) return 0;
        double mean = 0, sq = 0;
        for (long r : rttNanos) { mean += r; sq += (double) r * r; }
        mean /= rttNanos.size();
        sq /= rttNanos.size();
        return Math.round(Math.sqrt(Math.max(0, sq - mean * mean)));
    }

    /** The summary ping(8) prints at the end. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(destination).append(" ping statistics ---\n");
        sb.append(sent).append(" packets transmitted, ").append(received).append(" received");
        if (errors > 0) sb.append(", +").append(errors).append(" errors");
        sb.append(", ").append(formatPercent(lossPercent())).append("% packet loss, time ").append(elapsedNanos / 1_000_000).append("ms");
        if (!rttNanos.isEmpty())
            sb.append("\nrtt min/avg/max/mdev = ").append(ms(minNanos())).append('/').append(ms(avgNanos())).append('/')
              .append(ms(maxNanos())).append('/').append(ms(mdevNanos())).append(" ms");
        return sb.toString();
    }

    private static String formatPercent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(java.util.Locale.ROOT, "%.3g", p);
    }

    private static String ms(long nanos) { return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6); }
}
