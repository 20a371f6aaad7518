package io.wirelab.devices.bulk;

import io.wirelab.stack.tcp.TcpInfo;
import io.wirelab.stack.tcp.TcpTrace;
import io.wirelab.wire.Hex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * What one bulk TCP transfer achieved, in virtual time: like iperf's summary line. connectNanos is
 * the handshake (SYN to ESTABLISHED); durationNanos runs from connect() to the peer's FIN after it
 * read everything, so it includes the handshake and the close. trace is the sender's state, cwnd,
 * ssthresh and RTO over time ({@code trace.toCsv()} for plots).
 */
public record TransferResult(long bytes, long connectNanos, long durationNanos, long retransmits,
                             TcpInfo finalInfo, TcpTrace trace) {
    /** SHA-256 (hex) of the bytes sent: the sender's pattern, so computed here on demand rather than per write. */
    public String sha256() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[64 * 1024];
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(chunk.length, bytes - done);
                BulkPattern.fill(chunk, 0, n, done);
                sha.update(chunk, 0, n);
                done += n;
            }
            return Hex.of(sha.digest()).replace(" ", "");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Payload bits per second of virtual time. */
    public double goodputBitsPerSecond() { return durationNanos == 0 ? 0 : bytes * 8e9 / durationNanos; }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%d bytes in %.3f ms (handshake %.3f ms): %s, %d retransmits",
                bytes, durationNanos / 1e6, connectNanos / 1e6, rate(goodputBitsPerSecond()), retransmits);
    }

    static String rate(double bps) {
        if (bps >= 1e9) return String.format(Locale.ROOT, "%.2f Gbit/s", bps / 1e9);
        if (bps >= 1e6) return String.format(Locale.ROOT, "%.2f Mbit/s", bps / 1e6);
        if (bps >= 1e3) return String.format(Locale.ROOT, "%.2f kbit/s", bps / 1e3);
        return String.format(Locale.ROOT, "%.0f bit/s", bps);
    }
}
