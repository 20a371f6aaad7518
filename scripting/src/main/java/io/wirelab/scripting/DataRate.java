package io.wirelab.scripting;

/** A bit rate in bits per second, as scripts write it ({@code 100.Mbps}); prints "100 Mbit/s". */
public record DataRate(long bitsPerSecond) implements Comparable<DataRate> {
    static final long K = 1_000, M = 1_000_000, G = 1_000_000_000L;

    public DataRate {
        if (bitsPerSecond < 0) throw new IllegalArgumentException("negative rate " + bitsPerSecond + " bit/s");
    }

    public long getBitsPerSecond() { return bitsPerSecond; }

    @Override public int compareTo(DataRate o) { return Long.compare(bitsPerSecond, o.bitsPerSecond); }

    @Override public String toString() {
        if (bitsPerSecond >= G) return UnitMath.decimal(bitsPerSecond, G) + " Gbit/s";
        if (bitsPerSecond >= M) return UnitMath.decimal(bitsPerSecond, M) + " Mbit/s";
        if (bitsPerSecond >= K) return UnitMath.decimal(bitsPerSecond, K) + " kbit/s";
        return bitsPerSecond + " bit/s";
    }
}
